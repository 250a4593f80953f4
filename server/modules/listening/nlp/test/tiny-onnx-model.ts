/**
 * Writes a tiny sentiment "transformer" to a directory, in the layout a Hugging Face export uses
 * (`onnx/model.onnx`, `config.json`, `tokenizer.json`, `tokenizer_config.json`), so that the ONNX
 * loading path is tested without downloading a model. The graph is a bag of word vectors:
 * Gather(embeddings, input_ids) × attention_mask, summed over the sequence, plus a bias → logits
 * for [negative, neutral, positive]. The protobuf is written with protobufjs from the field
 * numbers of onnx.proto (the subset this graph needs).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import protobuf from 'protobufjs';

const ONNX_SUBSET = `
syntax = "proto3";
package onnx;
message AttributeProto { string name = 1; float f = 2; int64 i = 3; bytes s = 4; repeated int64 ints = 8; int32 type = 20; }
message ValueInfoProto { string name = 1; TypeProto type = 2; }
message NodeProto { repeated string input = 1; repeated string output = 2; string name = 3; string op_type = 4; repeated AttributeProto attribute = 5; string domain = 7; }
message ModelProto { int64 ir_version = 1; string producer_name = 2; string producer_version = 3; GraphProto graph = 7; repeated OperatorSetIdProto opset_import = 8; }
message GraphProto { repeated NodeProto node = 1; string name = 2; repeated TensorProto initializer = 5; repeated ValueInfoProto input = 11; repeated ValueInfoProto output = 12; }
message TensorProto { repeated int64 dims = 1; int32 data_type = 2; repeated float float_data = 4; repeated int64 int64_data = 7; string name = 8; }
message TensorShapeProto { message Dimension { oneof value { int64 dim_value = 1; string dim_param = 2; } } repeated Dimension dim = 1; }
message TypeProto { message Tensor { int32 elem_type = 1; TensorShapeProto shape = 2; } oneof value { Tensor tensor_type = 1; } }
message OperatorSetIdProto { string domain = 1; int64 version = 2; }
`;

const FLOAT = 1;
const INT64 = 7;
const ATTR_INT = 2;

/** Word → logit contributions [negative, neutral, positive]. */
export const TINY_VOCAB: Record<string, [number, number, number]> = {
  gut: [0, 0, 3], super: [0, 0, 4], great: [0, 0, 3], good: [0, 0, 3],
  schlecht: [3, 0, 0], furchtbar: [4, 0, 0], bad: [3, 0, 0], awful: [4, 0, 0],
  nicht: [0, 0.5, 0], the: [0, 0.2, 0], der: [0, 0.2, 0], zug: [0, 0.5, 0], train: [0, 0.5, 0],
};

function tensorType(elemType: number, dims: (number | string)[]) {
  return { tensorType: { elemType, shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) } } };
}

/** Creates the model directory; `labels` become config.json's id2label (default NEGATIVE/NEUTRAL/POSITIVE). */
export async function writeTinySentimentModel(dir: string, labels: string[] = ['NEGATIVE', 'NEUTRAL', 'POSITIVE']): Promise<void> {
  const root = protobuf.parse(ONNX_SUBSET, { keepCase: false }).root;
  const Model = root.lookupType('onnx.ModelProto');
  const words = Object.keys(TINY_VOCAB);
  const vocab: Record<string, number> = { '[PAD]': 0, '[UNK]': 1 };
  words.forEach((w, i) => (vocab[w] = i + 2));
  const embeddings = [0, 0, 0, 0, 0, 0, ...words.flatMap((w) => TINY_VOCAB[w]!)];
  const graph = {
    name: 'tiny-sentiment',
    input: [
      { name: 'input_ids', type: tensorType(INT64, ['batch', 'sequence']) },
      { name: 'attention_mask', type: tensorType(INT64, ['batch', 'sequence']) },
    ],
    output: [{ name: 'logits', type: tensorType(FLOAT, ['batch', 3]) }],
    initializer: [
      { name: 'embeddings', dims: [words.length + 2, 3], dataType: FLOAT, floatData: embeddings },
      { name: 'bias', dims: [3], dataType: FLOAT, floatData: [0, 0.5, 0] },
      { name: 'axis_seq', dims: [1], dataType: INT64, int64Data: [1] },
      { name: 'axis_last', dims: [1], dataType: INT64, int64Data: [2] },
    ],
    node: [
      { opType: 'Gather', input: ['embeddings', 'input_ids'], output: ['vectors'], name: 'lookup', attribute: [{ name: 'axis', i: 0, type: ATTR_INT }] },
      { opType: 'Cast', input: ['attention_mask'], output: ['mask_f'], name: 'mask_float', attribute: [{ name: 'to', i: FLOAT, type: ATTR_INT }] },
      { opType: 'Unsqueeze', input: ['mask_f', 'axis_last'], output: ['mask_3d'], name: 'mask_expand' },
      { opType: 'Mul', input: ['vectors', 'mask_3d'], output: ['masked'], name: 'apply_mask' },
      { opType: 'ReduceSum', input: ['masked', 'axis_seq'], output: ['summed'], name: 'pool', attribute: [{ name: 'keepdims', i: 0, type: ATTR_INT }] },
      { opType: 'Add', input: ['summed', 'bias'], output: ['logits'], name: 'classify' },
    ],
  };
  const model = Model.fromObject({ irVersion: 8, producerName: 'resonanz-test', producerVersion: '1', opsetImport: [{ domain: '', version: 13 }], graph });
  const bytes = Model.encode(model).finish();
  await mkdir(join(dir, 'onnx'), { recursive: true });
  await writeFile(join(dir, 'onnx', 'model.onnx'), bytes);
  await writeFile(join(dir, 'config.json'), JSON.stringify({
    architectures: ['TinySentimentForSequenceClassification'], model_type: 'tiny',
    id2label: Object.fromEntries(labels.map((l, i) => [String(i), l])), max_position_embeddings: 64,
  }));
  await writeFile(join(dir, 'tokenizer.json'), JSON.stringify({
    version: '1.0', truncation: null, padding: null,
    added_tokens: ['[PAD]', '[UNK]'].map((content, id) => ({ id, content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true })),
    normalizer: { type: 'Lowercase' }, pre_tokenizer: { type: 'Whitespace' }, post_processor: null, decoder: null,
    model: { type: 'WordLevel', vocab, unk_token: '[UNK]' },
  }));
  await writeFile(join(dir, 'tokenizer_config.json'), JSON.stringify({ model_max_length: 64, pad_token: '[PAD]', unk_token: '[UNK]', tokenizer_class: 'PreTrainedTokenizerFast' }));
}
