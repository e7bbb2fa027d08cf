"""What the console plays of Slack beyond messages: files (files_upload_v2's three calls, the
picture then shown in the conversation), views (the modal views.open shows, the Home tab
views.publish fills), users.info, and clicks and submissions in those views.

Kept beside slack.py, which handles messages; `Console` uses these through `Surfaces`.
"""

from __future__ import annotations

import itertools
import json
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from bot.console.workspace import (
    APP_ID,
    CONVERSATIONS,
    TEAM_DOMAIN,
    TEAM_ID,
    USER_ID,
    USER_NAME,
    VERIFICATION_TOKEN,
    Json,
    Workspace,
    random_id,
)

MAX_FILE_BYTES = 5 * 1024 * 1024


class SurfaceError(Exception):
    """A Web API error code, as Slack would answer it."""


@dataclass
class _File:
    file_id: str
    filename: str
    length: int
    alt: str
    content: bytes | None = None


@dataclass
class Surfaces:
    """The console's files, modal and Home tab; `base_url` is where the console serves."""

    workspace: Workspace
    base_url: str = ""
    files: dict[str, _File] = field(default_factory=dict)
    modal: Json | None = None
    home: Json | None = None
    lock: threading.RLock = field(default_factory=threading.RLock)
    _ids: Any = field(default_factory=lambda: itertools.count(1))

    def api(self) -> dict[str, Callable[[Json], Json]]:
        return {
            "files.getUploadURLExternal": self._upload_url,
            "files.completeUploadExternal": self._complete_upload,
            "views.open": self._views_open,
            "views.update": self._views_open,
            "views.publish": self._views_publish,
            "users.info": self._users_info,
        }

    def snapshot(self) -> Json:
        with self.lock:
            return {"modal": self.modal, "home": self.home}

    # --- files ------------------------------------------------------------------------------

    def _upload_url(self, args: Json) -> Json:
        length = int(args.get("length") or 0)
        if not 0 < length <= MAX_FILE_BYTES:
            raise SurfaceError("invalid_length")
        file_id = f"F0CONSOLE{next(self._ids):04d}"
        with self.lock:
            self.files[file_id] = _File(
                file_id, str(args.get("filename") or "file"), length, str(args.get("alt_txt") or "")
            )
        url = f"{self.base_url}/console/upload/{file_id}"
        return {"ok": True, "upload_url": url, "file_id": file_id}

    def upload(self, file_id: str, content: bytes) -> bool:
        """The bytes POSTed to an upload URL; False for a file never announced."""
        with self.lock:
            found = self.files.get(file_id)
            if found is None or len(content) != found.length:
                return False
            found.content = content
            return True

    def file(self, file_id: str) -> bytes | None:
        with self.lock:
            found = self.files.get(file_id)
            return found.content if found else None

    def _complete_upload(self, args: Json) -> Json:
        listed = args.get("files") or "[]"
        items = json.loads(listed) if isinstance(listed, str) else listed
        channel = str(args.get("channel_id") or "")
        where = next((c for c in CONVERSATIONS.values() if channel in {c.id, c.name}), None)
        if where is None:
            raise SurfaceError("channel_not_found")
        blocks: list[Json] = []
        if args.get("initial_comment"):
            comment = str(args["initial_comment"])
            blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": comment}})
        done = []
        with self.lock:
            for item in items:
                found = self.files.get(str(item.get("id")))
                if found is None or found.content is None:
                    raise SurfaceError("file_not_found")
                title = str(item.get("title") or found.filename)
                blocks.append(
                    {
                        "type": "image",
                        "image_url": f"{self.base_url}/console/files/{found.file_id}",
                        "alt_text": found.alt or title,
                        "title": {"type": "plain_text", "text": title},
                    }
                )
                done.append({"id": found.file_id, "title": title, "name": found.filename})
        thread = args.get("thread_ts")
        self.workspace.post(
            where.key,
            "bot",
            str(args.get("initial_comment") or done[0]["title"] if done else ""),
            blocks,
            thread_ts=str(thread) if thread else None,
        )
        return {"ok": True, "files": done}

    # --- views ------------------------------------------------------------------------------

    def _views_open(self, args: Json) -> Json:
        view = _view_of(args)
        view["id"] = f"V0MODAL{next(self._ids):04d}"
        with self.lock:
            self.modal = view
        self.workspace.touch()
        return {"ok": True, "view": view}

    def _views_publish(self, args: Json) -> Json:
        if args.get("user_id") != USER_ID:
            raise SurfaceError("user_not_found")
        view = {**_view_of(args), "id": "V0HOME", "type": "home"}
        with self.lock:
            self.home = view
        self.workspace.touch()
        return {"ok": True, "view": view}

    def close_modal(self) -> None:
        with self.lock:
            self.modal = None
        self.workspace.touch()

    def _users_info(self, args: Json) -> Json:
        user = str(args.get("user") or "")
        if user != USER_ID:
            raise SurfaceError("user_not_found")
        # The person at the console runs the workspace: its admin, in the machine's time zone.
        return {
            "ok": True,
            "user": {"id": USER_ID, "name": USER_NAME, "is_admin": True, "tz": _local_zone()},
        }

    # --- Slack → the app: clicks and submissions in views ------------------------------------

    def view_payload(self, surface: str, action: Json, trigger_id: str) -> Json:
        """The block_actions payload of a click in the modal or on the Home tab."""
        view = self.modal if surface == "modal" else self.home
        if view is None:
            raise SurfaceError("no such view")
        return {
            "type": "block_actions",
            "user": {"id": USER_ID, "username": USER_NAME, "name": USER_NAME, "team_id": TEAM_ID},
            "api_app_id": APP_ID,
            "token": VERIFICATION_TOKEN,
            "container": {"type": "view", "view_id": view.get("id")},
            "trigger_id": trigger_id,
            "team": {"id": TEAM_ID, "domain": TEAM_DOMAIN},
            "view": view,
            "actions": [action],
        }

    def submission(self, values: Json, trigger_id: str) -> Json:
        """The view_submission payload of the modal with the page's `values`."""
        if self.modal is None:
            raise SurfaceError("no modal is open")
        return {
            "type": "view_submission",
            "user": {"id": USER_ID, "username": USER_NAME, "name": USER_NAME, "team_id": TEAM_ID},
            "api_app_id": APP_ID,
            "token": VERIFICATION_TOKEN,
            "trigger_id": trigger_id,
            "team": {"id": TEAM_ID, "domain": TEAM_DOMAIN},
            "view": {**self.modal, "state": {"values": values}},
        }


def _view_of(args: Json) -> Json:
    view = args.get("view") or {}
    if isinstance(view, str):
        try:
            view = json.loads(view)
        except ValueError:
            raise SurfaceError("invalid_arguments") from None
    if not isinstance(view, dict) or not isinstance(view.get("blocks"), list):
        raise SurfaceError("invalid_arguments")
    # Slack gives every block an id where the app gave none, and echoes it in clicks.
    blocks = [{**b, "block_id": b.get("block_id") or random_id(5)} for b in view["blocks"]]
    return {**view, "blocks": blocks}


def _local_zone() -> str:
    """The machine's IANA time zone if it can tell, else UTC."""
    import os
    from pathlib import Path

    zone = os.environ.get("TZ", "")
    if "/" in zone:
        return zone
    try:
        target = str(Path("/etc/localtime").resolve())
    except OSError:
        return "UTC"
    return target.split("zoneinfo/", 1)[1] if "zoneinfo/" in target else "UTC"


def chosen_option(element: Json, value: str) -> Json:
    """The option of an overflow or select `element` whose value is `value`, as Slack echoes
    the choice; a value not among its options is refused."""
    for option in element.get("options") or []:
        if isinstance(option, dict) and option.get("value") == value:
            return {"text": option.get("text"), "value": value}
    raise SurfaceError(f"no option {value[:40]!r} in that menu")


class ViewsMixin:
    """The console's part in views: a click in the modal or on the Home tab, the modal
    submitted, the Home tab opened; each sent to the app as Slack sends it. `Console` (slack.py)
    provides `_dispatch` and `surfaces`."""

    surfaces: Surfaces
    _dispatch: Callable[[str, str], Any]
    _dispatch_json: Callable[[Json], Any]

    def home_opened(self) -> Json:
        """The Home tab opened: an `app_home_opened` event callback."""
        event = {
            "type": "app_home_opened",
            "user": USER_ID,
            "channel": CONVERSATIONS["dm"].id,
            "tab": "home",
            "event_ts": f"{time.time():.6f}",
        }
        body = {
            "token": VERIFICATION_TOKEN,
            "team_id": TEAM_ID,
            "api_app_id": APP_ID,
            "type": "event_callback",
            "event_id": f"Ev{secrets.token_hex(5).upper()}",
            "event_time": int(time.time()),
            "authorizations": [{"team_id": TEAM_ID, "user_id": USER_ID, "is_bot": False}],
            "event": event,
        }
        response = self._dispatch_json(body)
        return {"ok": True, "status": response.status}

    def click_view(
        self, surface: str, action_id: str, block_id: str | None, option: str | None = None
    ) -> Json:
        """A click on a button (or a menu's `option`) in the modal or on the Home tab."""
        view = self.surfaces.modal if surface == "modal" else self.surfaces.home
        element = _element_in(view or {}, action_id, block_id)
        if element is None:
            raise SurfaceError(f"no button {action_id!r} there")
        action: Json = {
            "type": element.get("type", "button"),
            "action_id": action_id,
            "block_id": block_id,
            "text": element.get("text"),
            "value": element.get("value"),
            "action_ts": f"{time.time():.6f}",
        }
        if option is not None:
            action["selected_option"] = chosen_option(element, option)
        payload = self.surfaces.view_payload(surface, action, _trigger())
        response = self._dispatch(_form(payload), "application/x-www-form-urlencoded")
        return {"ok": True, "status": response.status}

    def submit(self, values: Json) -> Json:
        """The modal's submit button: a view_submission; the modal closes unless the app
        answers with errors, which the page shows."""
        payload = self.surfaces.submission(values, _trigger())
        response = self._dispatch(_form(payload), "application/x-www-form-urlencoded")
        answer: Json = {}
        if (response.body or "").strip():
            try:
                answer = json.loads(response.body)
            except ValueError:
                answer = {}
        if answer.get("response_action") == "errors":
            return {"ok": False, "errors": answer.get("errors") or {}}
        self.surfaces.close_modal()
        return {"ok": True}


def _element_in(view: Json, action_id: str, block_id: str | None) -> Json | None:
    for block in view.get("blocks") or []:
        if block_id and block.get("block_id") not in (None, block_id):
            continue
        elements = list(block.get("elements") or []) if block.get("type") == "actions" else []
        if isinstance(block.get("accessory"), dict):
            elements.append(block["accessory"])
        for element in elements:
            if isinstance(element, dict) and element.get("action_id") == action_id:
                return element
    return None


def _form(payload: Json) -> str:
    from urllib.parse import urlencode

    return urlencode({"payload": json.dumps(payload)})


def _trigger() -> str:
    return f"{int(time.time())}.{secrets.randbelow(10**12)}.{secrets.token_hex(16)}"
