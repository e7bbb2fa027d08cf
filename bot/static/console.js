// The local console's page: polls the workspace, renders its messages as Slack would, sends
// what you type and the buttons you click.
//
// Everything from a payload is text: nodes are built with createElement and textContent,
// never from HTML strings, so "<b>x</b>" in a message shows as written.
"use strict";

(() => {
  const POLL_MS = 300;
  const CONVERSATIONS = {
    channel: { title: "#peace-talks", placeholder: "Message #peace-talks",
               topic: "Questions about the Russia–Ukraine peace talks" },
    dm: { title: "ukraine-bot", placeholder: "Message ukraine-bot",
          topic: "Your direct messages with the bot" },
    home: { title: "ukraine-bot · Home", placeholder: "The Home tab takes no messages",
            topic: "The app's Home tab, as views.publish left it" },
  };

  const state = {
    conversation: "channel",
    session: null,
    version: -1,
    data: null,
    seen: null, // conversation → latest ts seen there, for the sidebar's unread marks
    scrollToEnd: true,
    closedModal: null, // the id of a modal closed here (Slack drops it; the page hides it)
    replyTo: null, // the ts of the thread the composer replies in, or null
  };

  const $ = (id) => document.getElementById(id);
  const list = $("messages");
  const input = $("composer-input");

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  // --- mrkdwn -------------------------------------------------------------------------------

  const ENTITIES = { "&amp;": "&", "&lt;": "<", "&gt;": ">" };

  function decodeEntities(text) {
    return String(text).replace(/&(?:amp|lt|gt);/g, (entity) => ENTITIES[entity]);
  }

  // Slack markup in <…>, `code`, *bold*, _italic_, ~strike~ (emphasis only at word edges).
  const INLINE = new RegExp(
    [
      "<([^<>\\n]*)>",
      "`([^`\\n]+)`",
      "(?<![\\w*])\\*(?=\\S)([^*\\n]*?\\S)\\*(?![\\w*])",
      "(?<![\\w_])_(?=\\S)([^_\\n]*?\\S)_(?![\\w_])",
      "(?<![\\w~])~(?=\\S)([^~\\n]*?\\S)~(?![\\w~])",
    ].join("|"),
    "g",
  );
  const QUOTE = /^(?:&gt;|>) ?/;

  function userName(id) {
    const users = (state.data && state.data.users) || {};
    return users[id];
  }

  function channelName(id) {
    const conversations = (state.data && state.data.conversations) || {};
    const found = Object.values(conversations).find((c) => c.id === id);
    return found ? found.name : id;
  }

  function renderMarkup(inner) {
    const bar = inner.indexOf("|");
    const target = bar < 0 ? inner : inner.slice(0, bar);
    const label = bar < 0 ? "" : decodeEntities(inner.slice(bar + 1));
    if (target.startsWith("@")) {
      const id = target.slice(1);
      return el("span", "mention", "@" + (userName(id) || label || id));
    }
    if (target.startsWith("#")) {
      return el("span", "mention", "#" + (label || channelName(target.slice(1))));
    }
    if (target.startsWith("!")) {
      const name = target.slice(1).split("^")[0];
      if (["channel", "here", "everyone"].includes(name)) {
        return el("span", "mention broadcast", "@" + name);
      }
      return document.createTextNode(label || name); // <!date^…|fallback>, <!subteam^…|@team>
    }
    const url = decodeEntities(target);
    if (/^(?:https?:|mailto:)/i.test(url)) {
      const link = el("a", null, label || url);
      link.href = url;
      link.target = "_blank";
      link.rel = "noopener noreferrer";
      return link;
    }
    return document.createTextNode(label || url);
  }

  function renderInline(text, parent) {
    let last = 0;
    for (const match of text.matchAll(INLINE)) {
      if (match.index > last) parent.append(decodeEntities(text.slice(last, match.index)));
      const [, markup, code, bold, italic, strike] = match;
      if (markup !== undefined) {
        parent.append(renderMarkup(markup));
      } else if (code !== undefined) {
        parent.append(el("code", null, decodeEntities(code)));
      } else {
        const node = el(bold !== undefined ? "strong" : italic !== undefined ? "em" : "s");
        renderInline(bold ?? italic ?? strike, node);
        parent.append(node);
      }
      last = match.index + match[0].length;
    }
    if (last < text.length) parent.append(decodeEntities(text.slice(last)));
  }

  function renderMrkdwn(text, className) {
    const root = el("div", "mrkdwn" + (className ? " " + className : ""));
    let quote = null;
    let lineBefore = false;
    for (const line of String(text ?? "").split("\n")) {
      const marker = QUOTE.exec(line);
      if (marker) {
        if (quote) quote.append(el("br"));
        else root.append((quote = el("blockquote")));
        renderInline(line.slice(marker[0].length), quote);
        lineBefore = false;
      } else {
        quote = null;
        if (lineBefore) root.append(el("br"));
        renderInline(line, root);
        lineBefore = true;
      }
    }
    return root;
  }

  // --- Block Kit ----------------------------------------------------------------------------

  function renderText(object, className) {
    if (!object) return el("span");
    if (object.type === "mrkdwn") return renderMrkdwn(object.text, className);
    return el("div", className, object.text ?? ""); // plain_text: shown exactly as written
  }

  function renderElement(element, block, message) {
    if (element && element.type === "overflow") {
      const menu = el("select", "bk-overflow");
      menu.setAttribute("aria-label", "More actions");
      menu.append(el("option", "", "⋯"));
      for (const option of element.options || []) {
        const choice = el("option", "", (option.text && option.text.text) || "");
        choice.value = option.value;
        menu.append(choice);
      }
      menu.addEventListener("change", () => {
        if (menu.value) clickButton(menu, message, block, element, menu.value);
      });
      return menu;
    }
    if (element && element.type === "static_select") {
      const select = el("select", "bk-select");
      select.dataset.actionId = element.action_id;
      for (const option of element.options || []) {
        const choice = el("option", "", (option.text && option.text.text) || "");
        choice.value = option.value;
        if (element.initial_option && element.initial_option.value === option.value) {
          choice.selected = true;
        }
        select.append(choice);
      }
      return select;
    }
    if (element && element.type === "timepicker") {
      const picker = el("input", "bk-time");
      picker.type = "time";
      picker.value = element.initial_time || "09:00";
      return picker;
    }
    if (!element || element.type !== "button") {
      return el("span", "unsupported", `[${(element && element.type) || "element"}]`);
    }
    const style = ["primary", "danger"].includes(element.style) ? " " + element.style : "";
    const button = el("button", "bk-button" + style, (element.text && element.text.text) || "");
    button.type = "button";
    button.addEventListener("click", () => clickButton(button, message, block, element));
    return button;
  }

  function renderBlock(block, message) {
    switch (block.type) {
      case "section": {
        const node = el("div", "block section");
        const main = el("div", "section-main");
        if (block.text) main.append(renderText(block.text, "section-text"));
        if (Array.isArray(block.fields)) {
          const fields = el("div", "fields");
          for (const field of block.fields) fields.append(renderText(field, "field"));
          main.append(fields);
        }
        node.append(main);
        if (block.accessory) node.append(renderElement(block.accessory, block, message));
        return node;
      }
      case "context": {
        const node = el("div", "block context");
        for (const element of block.elements || []) {
          node.append(element.type === "image"
            ? el("span", "image-alt", `[${element.alt_text || "image"}]`)
            : renderText(element, "context-element"));
        }
        return node;
      }
      case "actions": {
        const node = el("div", "block actions");
        for (const element of block.elements || []) {
          node.append(renderElement(element, block, message));
        }
        return node;
      }
      case "header":
        return el("div", "block header", (block.text && block.text.text) || "");
      case "divider":
        return el("hr", "block divider");
      case "image": {
        const node = el("figure", "block image");
        const picture = el("img", "bk-image");
        picture.src = block.image_url || "";
        picture.alt = block.alt_text || "";
        node.append(picture);
        if (block.title) node.append(el("figcaption", "image-title", block.title.text || ""));
        return node;
      }
      case "input": {
        const node = el("label", "block input");
        node.dataset.blockId = block.block_id || "";
        node.dataset.kind = (block.element && block.element.type) || "";
        node.append(el("span", "input-label", (block.label && block.label.text) || ""));
        node.append(renderElement(block.element, block, message));
        node.append(el("span", "input-error"));
        return node;
      }
      default:
        return el("div", "block unsupported", `[${block.type} block]`);
    }
  }

  function renderBlocks(blocks, message) {
    const root = el("div", "blocks");
    for (const block of blocks) root.append(renderBlock(block, message));
    return root;
  }

  // --- Messages -----------------------------------------------------------------------------

  function formatTime(ts) {
    const date = new Date(parseFloat(ts) * 1000);
    return date.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  }

  function renderMessage(message, inThread) {
    const bot = message.user === "bot";
    const classes = ["message", bot ? "from-bot" : "from-you"];
    if (message.ephemeral) classes.push("ephemeral");
    if (inThread) classes.push("reply");
    const node = el("div", classes.join(" "));
    node.dataset.messageId = message.id;

    const avatar = el("div", "avatar " + (bot ? "avatar-bot" : "avatar-you"), bot ? "UB" : "Y");
    avatar.setAttribute("aria-hidden", "true");

    const body = el("div", "message-body");
    const meta = el("div", "meta");
    meta.append(el("span", "name", bot ? "ukraine-bot" : "you"));
    if (bot) meta.append(el("span", "badge", "APP"));
    const time = el("time", "time", formatTime(message.ts));
    time.dateTime = new Date(parseFloat(message.ts) * 1000).toISOString();
    meta.append(time);
    if (inThread) meta.append(el("span", "in-thread", "in thread"));
    if (!message.ephemeral && message.conversation !== "home") {
      // Slack's "Reply in thread": a reply's thread is its root's.
      const reply = el("button", "reply-in-thread", "Reply");
      reply.type = "button";
      reply.title = "Reply in thread";
      reply.setAttribute("aria-label", "Reply in thread");
      reply.addEventListener("click", () => replyIn(message.thread_ts || message.ts));
      meta.append(reply);
    }
    body.append(meta);
    if (message.ephemeral) body.append(el("div", "ephemeral-note", "Only visible to you"));
    body.append(message.blocks && message.blocks.length
      ? renderBlocks(message.blocks, message)
      : renderMrkdwn(message.text, "message-text"));

    node.append(avatar, body);
    return node;
  }

  function emptyConversation() {
    const node = el("div", "empty");
    node.append(el("strong", null, "This is the very beginning of " +
      CONVERSATIONS[state.conversation].title));
    node.append("Ask the bot about the peace talks: who met whom, who is who, what was said.");
    return node;
  }

  function renderModal() {
    const modal = state.data.modal;
    const root = $("modal");
    if (!modal || modal.id === state.closedModal) {
      root.hidden = true;
      root.replaceChildren();
      return;
    }
    if (root.dataset.viewId === modal.id && !root.hidden) return; // keep what is being typed
    root.dataset.viewId = modal.id;
    const box = el("div", "modal-box");
    box.setAttribute("role", "dialog");
    box.append(el("h2", "modal-title", (modal.title && modal.title.text) || ""));
    box.append(renderBlocks(modal.blocks || [], { surface: "modal" }));
    const buttons = el("div", "modal-buttons");
    const close = el("button", "bk-button", (modal.close && modal.close.text) || "Close");
    close.type = "button";
    close.addEventListener("click", () => {
      state.closedModal = modal.id;
      renderModal();
    });
    buttons.append(close);
    if (modal.submit) {
      const submit = el("button", "bk-button primary", modal.submit.text || "Submit");
      submit.type = "button";
      submit.addEventListener("click", () => submitModal(box));
      buttons.append(submit);
    }
    box.append(buttons);
    root.replaceChildren(box);
    root.hidden = false;
  }

  async function submitModal(box) {
    const values = {};
    for (const field of box.querySelectorAll(".block.input")) {
      const control = field.querySelector("select, input");
      const id = field.dataset.blockId;
      values[id] = field.dataset.kind === "timepicker"
        ? { [id]: { type: "timepicker", selected_time: control.value } }
        : { [id]: { type: field.dataset.kind, selected_option: { value: control.value } } };
    }
    try {
      const answer = await postJSON("/console/submit", { values });
      for (const field of box.querySelectorAll(".block.input")) {
        field.querySelector(".input-error").textContent =
          (answer.errors && answer.errors[field.dataset.blockId]) || "";
      }
    } catch (error) {
      showStatus(error.message);
    }
    poll();
  }

  function render() {
    renderModal();
    if (state.conversation === "home") {
      const home = state.data.home;
      list.replaceChildren(home
        ? renderBlocks(home.blocks || [], { surface: "home" })
        : el("div", "empty", "Opening the Home tab…"));
      markUnread();
      return;
    }
    const messages = state.data.messages.filter((m) => m.conversation === state.conversation);
    const present = new Set(messages.map((m) => m.ts));
    const replies = new Map();
    const top = [];
    for (const message of messages) {
      const parent = message.thread_ts;
      if (parent && parent !== message.ts && present.has(parent)) {
        if (!replies.has(parent)) replies.set(parent, []);
        replies.get(parent).push(message);
      } else {
        top.push(message);
      }
    }
    const nodes = [];
    for (const message of top) {
      nodes.push(renderMessage(message, false));
      for (const reply of replies.get(message.ts) || []) nodes.push(renderMessage(reply, true));
    }
    if (!nodes.length) nodes.push(emptyConversation());

    const atEnd = list.scrollHeight - list.scrollTop - list.clientHeight < 80;
    list.replaceChildren(...nodes);
    if (atEnd || state.scrollToEnd) list.scrollTop = list.scrollHeight;
    state.scrollToEnd = false;
    markUnread();
  }

  function latestTs(conversation) {
    let latest = 0;
    for (const m of state.data.messages) {
      if (m.conversation === conversation) latest = Math.max(latest, parseFloat(m.ts));
    }
    return latest;
  }

  function markUnread() {
    if (!state.seen) {
      state.seen = {};
      for (const key of Object.keys(CONVERSATIONS)) state.seen[key] = latestTs(key);
    }
    state.seen[state.conversation] = latestTs(state.conversation);
    for (const button of document.querySelectorAll(".conversation")) {
      const key = button.dataset.conversation;
      button.classList.toggle("active", key === state.conversation);
      button.classList.toggle("unread", latestTs(key) > (state.seen[key] || 0));
    }
  }

  // --- Talking to the console ---------------------------------------------------------------

  async function postJSON(url, body) {
    const response = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
    let data = {};
    try {
      data = await response.json();
    } catch (_) {
      // not JSON: the status says enough
    }
    if (!response.ok || data.ok === false) throw new Error(data.error || `HTTP ${response.status}`);
    return data;
  }

  function showStatus(text) {
    $("composer-status").textContent = text || "";
  }

  async function poll() {
    try {
      const response = await fetch("/console/messages", { cache: "no-store" });
      const data = await response.json();
      const connection = $("connection");
      connection.textContent = "connected";
      connection.classList.remove("offline");
      if (data.session !== state.session || data.version > state.version) {
        state.session = data.session;
        state.version = data.version;
        state.data = data;
        render();
      }
    } catch (_) {
      const connection = $("connection");
      connection.textContent = "the console is not answering";
      connection.classList.add("offline");
    }
  }

  async function pollForever() {
    await poll();
    setTimeout(pollForever, POLL_MS);
  }

  function replyIn(threadTs) {
    state.replyTo = threadTs;
    const replying = $("composer-replying");
    replying.hidden = threadTs === null;
    input.focus();
  }

  async function send() {
    const text = input.value.trim();
    if (!text) return;
    input.value = "";
    state.scrollToEnd = true;
    const body = { conversation: state.conversation, text };
    if (state.replyTo) body.thread_ts = state.replyTo;
    try {
      await postJSON("/console/send", body);
      showStatus("");
    } catch (error) {
      input.value = text;
      showStatus(error.message);
    }
    poll();
  }

  async function clickButton(button, message, block, element, option) {
    button.disabled = true;
    try {
      if (message.surface) {
        await postJSON("/console/view_action", {
          surface: message.surface,
          action_id: element.action_id,
          block_id: block.block_id,
          option: option ?? null,
        });
      } else {
        await postJSON("/console/action", {
          message_id: message.id,
          action_id: element.action_id,
          block_id: block.block_id,
          value: element.value ?? "",
          option: option ?? null,
        });
      }
      showStatus("");
    } catch (error) {
      showStatus(error.message);
    } finally {
      button.disabled = false;
    }
    poll();
  }

  function switchTo(conversation) {
    state.conversation = conversation;
    replyIn(null);
    const shown = CONVERSATIONS[conversation];
    $("conversation-title").textContent = shown.title;
    $("conversation-topic").textContent = shown.topic;
    input.placeholder = shown.placeholder;
    input.disabled = conversation === "home";
    if (conversation === "home") postJSON("/console/home", {}).then(poll, (e) => showStatus(e.message));
    state.scrollToEnd = true;
    if (state.data) render();
    input.focus();
  }

  // --- Wiring -------------------------------------------------------------------------------

  $("composer-replying-cancel").addEventListener("click", () => replyIn(null));
  $("composer").addEventListener("submit", (event) => {
    event.preventDefault();
    send();
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      send();
    }
  });
  input.addEventListener("input", () => {
    input.style.height = "auto";
    input.style.height = `${input.scrollHeight}px`;
  });
  for (const button of document.querySelectorAll(".conversation")) {
    button.addEventListener("click", () => switchTo(button.dataset.conversation));
  }
  for (const example of document.querySelectorAll(".example")) {
    example.addEventListener("click", () => {
      input.value = example.dataset.example;
      input.focus();
    });
  }

  input.focus();
  pollForever();
})();
