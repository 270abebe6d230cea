"""Deep M2Ad head (Zhang et al., ACM MM 2020) as adlens builds it; choices the paper leaves open are marked.

Inputs (the head.onnx contract, models/README.md):
  global [N,Dg], objects [N,L,Do], object_mask [N,L], words [N,M,Dw], word_mask [N,M], sentence [N,Ds]
  (words: per OCR word, the mean of its sub-word states from the text encoder, or a frozen GloVe vector;
  sentence: the text encoder's pooled, L2-normalised vector of the whole text; zero when there is no text)
Outputs: topic_probs [N,38], sentiment_probs [N,30], and per task the modality attention [N,3]
(image, objects, text) and the object [N,L] and word [N,M] attention.
"""
import torch
from torch import nn

TASKS = ("topic", "sentiment")


def masked_softmax(scores, mask):
    """Softmax over valid items; an all-masked row gives all zeros (the modality is absent), never NaN."""
    scores = scores.masked_fill(mask <= 0, -1e9)
    weights = torch.softmax(scores, dim=-1) * (mask > 0).float()
    return weights / (weights.sum(dim=-1, keepdim=True) + 1e-9)


class Standardise(nn.Module):
    """Feature standardisation with train-set statistics baked into the exported graph."""

    def __init__(self, dim):
        super().__init__()
        self.register_buffer("mean", torch.zeros(dim))
        self.register_buffer("std", torch.ones(dim))

    def forward(self, x):
        return (x - self.mean) / self.std


class ReversedLstm(nn.Module):
    """The backward half of the BLSTM. Sequences are right-padded, so each one is reversed within its own length
    (a plain reversed LSTM would start from the padding and carry it into the real words)."""

    def __init__(self, dim_in, hidden):
        super().__init__()
        self.lstm = nn.LSTM(dim_in, hidden, batch_first=True)

    @staticmethod
    def _reverse(x, lengths):
        steps = torch.arange(x.shape[1], device=x.device).unsqueeze(0)        # [1,M]
        lengths = lengths.unsqueeze(1)                                          # [N,1]
        index = torch.where(steps < lengths, lengths - 1 - steps, steps)        # [N,M]
        return torch.gather(x, 1, index.unsqueeze(-1).expand(-1, -1, x.shape[2]))

    def forward(self, x, mask):
        lengths = mask.sum(dim=1).long()
        out, _ = self.lstm(self._reverse(x, lengths))
        return self._reverse(out, lengths)


class DeepM2Ad(nn.Module):
    def __init__(self, dg, do, dw, n_topics=38, n_sentiments=30, d=256, dropout=0.3,
                 modalities=("image", "objects", "text"), pooling="attention", modality_dropout=0.0,
                 ds=0, text_model="blstm", use_sentence=False, prior=None):
        """text_model: "blstm" (the paper's BLSTM over the word vectors, plus a residual projection) or "proj" (a
        linear projection per word: the text encoder's states are already contextual). use_sentence: add the
        projected sentence vector to the attention-pooled words (m_W = sum a_j z_j + W_s s). prior: {"topic":
        [38,Ds], "sentiment": [30,Ds]} L2-normalised class-description vectors: cosine(s, class) enters each
        logit with a learned per-class scale (a zero-shot prior the training can reweight or switch off)."""
        super().__init__()
        self.text_model = text_model
        self.use_sentence = use_sentence and ds > 0
        self.use_prior = prior is not None and ds > 0
        self.modalities = tuple(modalities)
        self.pooling = pooling
        # Training only: drop the image / objects modality of a sample with this probability (when the sample
        # has text), so the head cannot lean on memorised visuals and must read.
        self.modality_dropout = modality_dropout
        self.norm_global, self.norm_objects = Standardise(dg), Standardise(do)
        # Shared bottom. Global: MLP to the common size d (the paper's alignment).
        self.global_mlp = nn.Sequential(nn.Linear(dg, d), nn.ReLU(), nn.Dropout(dropout), nn.Linear(d, d))
        # Objects: an autoencoder; the encoder feeds attention, the decoder only the reconstruction loss.
        self.obj_enc = nn.Sequential(nn.Linear(do, d), nn.ReLU(), nn.Linear(d, d))
        self.obj_dec = nn.Sequential(nn.Linear(d, d), nn.ReLU(), nn.Linear(d, do))
        # Words: BLSTM with d/2 units per direction (text_model "blstm" only).
        if text_model == "blstm":
            self.fwd = nn.LSTM(dw, d // 2, batch_first=True)
            self.bwd = ReversedLstm(dw, d // 2)
        if self.use_sentence:
            self.sentence_proj = nn.Sequential(nn.Dropout(dropout), nn.Linear(ds, d))
        if self.use_prior:
            for t in TASKS:
                self.register_buffer("prior_" + t, torch.as_tensor(prior[t], dtype=torch.float32))
            self.prior_scale = nn.ParameterDict({t: nn.Parameter(torch.full((len(prior[t]),), 10.0)) for t in TASKS})
        # Residual word projection: with a few thousand training ads the BLSTM alone under-uses the lexical
        # meaning GloVe already carries; z_W = BLSTM(x) + W x keeps it one linear step from the attention.
        self.word_proj = nn.Linear(dw, d)
        self.dropout = nn.Dropout(dropout)
        self.input_dropout = nn.Dropout(dropout)
        # Per task: intra-modal kernels for objects and words, an inter-modal kernel, and a two-layer head.
        self.q_objects = nn.ParameterDict({t: nn.Parameter(torch.randn(d) * 0.05) for t in TASKS})
        self.q_words = nn.ParameterDict({t: nn.Parameter(torch.randn(d) * 0.05) for t in TASKS})
        self.q_modal = nn.ParameterDict({t: nn.Parameter(torch.randn(d) * 0.05) for t in TASKS})
        self.heads = nn.ModuleDict({
            "topic": nn.Sequential(nn.Linear(d, d), nn.ReLU(), nn.Dropout(dropout), nn.Linear(d, n_topics)),
            "sentiment": nn.Sequential(nn.Linear(d, d), nn.ReLU(), nn.Dropout(dropout), nn.Linear(d, n_sentiments)),
        })

    def encode(self, global_, objects, object_mask, words, word_mask):
        z_image = self.global_mlp(self.input_dropout(self.norm_global(global_)))
        z_objects = self.obj_enc(self.input_dropout(self.norm_objects(objects)))
        z_words = self.word_proj(words)
        if self.text_model == "blstm":
            z_words = z_words + torch.cat([self.fwd(words)[0], self.bwd(words, word_mask)], dim=-1)
        return z_image, z_objects, self.dropout(z_words)

    def _pool(self, z, mask, q):
        if self.pooling == "mean":  # ablation: no attention
            return masked_softmax(torch.zeros_like(mask), mask)
        return masked_softmax(torch.einsum("nld,d->nl", z, q), mask)

    def forward(self, global_, objects, object_mask, words, word_mask, sentence=None, image_present=None):
        """image_present (training only, [N]): 0 for text-only training rows, whose image input is a placeholder."""
        n = global_.shape[0]
        ones = torch.ones(n, device=global_.device)
        present = {
            "image": ones if "image" in self.modalities else ones * 0,
            "objects": (object_mask.sum(1) > 0).float() * (1.0 if "objects" in self.modalities else 0.0),
            "text": (word_mask.sum(1) > 0).float() * (1.0 if "text" in self.modalities else 0.0),
        }
        # An all-zero global feature means "no image" (text ads, text-only rows): a real image never encodes to
        # exactly zero, and the exported graph needs no extra input for it.
        present["image"] = present["image"] * (global_.abs().sum(dim=1) > 0).float()
        if image_present is not None:
            present["image"] = present["image"] * image_present
        if self.training and self.modality_dropout > 0:
            has_text = present["text"]
            for name in ("image", "objects"):
                drop = (torch.rand(n, device=global_.device) < self.modality_dropout).float() * has_text
                present[name] = present[name] * (1 - drop)
        modal_mask = torch.stack([present["image"], present["objects"], present["text"]], dim=1)
        z_image, z_objects, z_words = self.encode(global_, objects, object_mask, words, word_mask)
        text_on = present["text"].unsqueeze(1)
        outputs = {}
        for t in TASKS:
            a_obj = self._pool(z_objects, object_mask, self.q_objects[t])
            a_word = self._pool(z_words, word_mask, self.q_words[t])
            m_obj = torch.einsum("nl,nld->nd", a_obj, z_objects)
            m_word = torch.einsum("nl,nld->nd", a_word, z_words)
            if self.use_sentence:
                m_word = m_word + self.sentence_proj(sentence) * text_on
            stacked = torch.stack([z_image, m_obj, m_word], dim=1)          # [N,3,d]
            if self.pooling == "mean":
                a_mod = masked_softmax(torch.zeros_like(modal_mask), modal_mask)
            else:
                a_mod = masked_softmax(torch.einsum("nkd,d->nk", torch.tanh(stacked), self.q_modal[t]), modal_mask)
            r = torch.einsum("nk,nkd->nd", a_mod, stacked)
            logits = self.heads[t](r)
            if self.use_prior:
                sim = sentence @ getattr(self, "prior_" + t).t()                     # cosine, [N,K]
                sim = sim - sim.mean(dim=1, keepdim=True)                             # only the ranking matters
                logits = logits + self.prior_scale[t] * sim * text_on
            outputs[t] = (torch.sigmoid(logits), a_mod, a_obj, a_word)
        return (outputs["topic"][0], outputs["sentiment"][0],
                outputs["topic"][1], outputs["sentiment"][1],
                outputs["topic"][2], outputs["topic"][3],
                outputs["sentiment"][2], outputs["sentiment"][3])

    @property
    def reads_sentence(self):
        return self.use_sentence or self.use_prior

    def reconstruction_loss(self, objects, object_mask):
        """MSE between standardised object features and their reconstruction, averaged over real objects."""
        real = objects[object_mask > 0]              # [K,Do]: only real objects (text-only rows have none)
        if real.shape[0] == 0:
            return objects.sum() * 0.0
        target = self.norm_objects(real)
        rec = self.obj_dec(self.obj_enc(target))
        return ((rec - target) ** 2).mean()


class ObjectWordsHead(nn.Module):
    """The exported head when objects are read as words (object_words.py): takes visual.onnx's object vectors,
    reads each detection's class as the argmax of its 80 class scores and gives the model that class name's
    text-encoder vector from a constant table (all-zero objects, i.e. none, stay zero)."""

    def __init__(self, model, table, offset):
        super().__init__()
        self.model = model
        self.offset = int(offset)
        self.register_buffer("names", torch.as_tensor(table, dtype=torch.float32))

    @property
    def reads_sentence(self):
        return self.model.reads_sentence

    def forward(self, global_, objects, object_mask, words, word_mask, sentence=None):
        cls = objects[:, :, self.offset:self.offset + self.names.shape[0]].argmax(dim=-1)
        present = (objects.abs().sum(dim=-1, keepdim=True) > 0).float()
        return self.model(global_, self.names[cls] * present, object_mask, words, word_mask, sentence)


OUTPUT_NAMES = ["topic_probs", "sentiment_probs", "topic_modality", "sentiment_modality",
                "topic_object_attention", "topic_word_attention",
                "sentiment_object_attention", "sentiment_word_attention"]
INPUT_NAMES = ["global", "objects", "object_mask", "words", "word_mask", "sentence"]
