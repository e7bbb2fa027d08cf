"""One module per question kind, each with `answer(question, index) -> Found`.

The router (`knowledge.answer.router.ANSWERERS`) maps each intent to one of them: to add a
kind, add a module here and a row there.
"""
