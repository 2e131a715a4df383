import { describe, expect, it } from 'vitest';
import {
  decodeOipMessage,
  oipPredictionIds,
  parseOipInferPath,
  toNamedTensor,
} from './oip-decode.js';

const bytes = (value: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(value));

describe('parseOipInferPath', () => {
  it.each<[string, object | undefined]>([
    ['/v2/models/fraud/infer', { model: 'fraud' }],
    ['/v2/models/fraud/versions/3/infer', { model: 'fraud', version: '3' }],
    ['/v2/models/my%20model/infer?x=1', { model: 'my model' }],
    ['/v2/models/fraud', undefined],
    ['/v2/models/fraud/ready', undefined],
    ['/v1/models/fraud:predict', undefined],
    ['/v2/models/%E0%A4%A/infer', undefined],
  ])('%s', (path, expected) => {
    expect(parseOipInferPath(path)).toEqual(expected);
  });
});

describe('toNamedTensor', () => {
  it('flattens nested row-major data', () => {
    expect(
      toNamedTensor({
        name: 'x',
        datatype: 'FP32',
        shape: [2, 2],
        data: [
          [1, 2],
          [3, 4],
        ],
      }),
    ).toEqual({
      name: 'x',
      kind: 'float',
      shape: [2, 2],
      data: [1, 2, 3, 4],
    });
  });
  it.each([
    ['INT64', 'int'],
    ['UINT8', 'int'],
    ['BYTES', 'bytes'],
    ['BOOL', 'bool'],
    ['FP64', 'float'],
  ])('maps datatype %s to %s', (datatype, kind) => {
    expect(toNamedTensor({ name: 'x', datatype, shape: [1], data: [1] })?.kind).toBe(kind);
  });
  it('rejects unknown datatypes, shape/data mismatches and binary-data tensors', () => {
    expect(
      toNamedTensor({ name: 'x', datatype: 'COMPLEX', shape: [1], data: [1] }),
    ).toBeUndefined();
    expect(
      toNamedTensor({ name: 'x', datatype: 'FP32', shape: [2, 2], data: [1, 2, 3] }),
    ).toBeUndefined();
    expect(
      toNamedTensor({
        name: 'x',
        datatype: 'FP32',
        shape: [2],
        parameters: { binary_data_size: 8 },
      }),
    ).toBeUndefined();
    expect(toNamedTensor(null)).toBeUndefined();
  });
});

describe('decodeOipMessage', () => {
  it('reads id, model name and version, and the tensors', () => {
    const message = decodeOipMessage(
      bytes({
        id: 'r1',
        model_name: 'm',
        model_version: '2',
        outputs: [{ name: 'p', datatype: 'FP32', shape: [1, 2], data: [0.25, 0.75] }],
      }),
      'outputs',
    );
    expect(message).toEqual({
      id: 'r1',
      modelName: 'm',
      modelVersion: '2',
      tensors: [{ name: 'p', kind: 'float', shape: [1, 2], data: [0.25, 0.75] }],
    });
  });
  it('reads only the JSON header with the binary-data extension', () => {
    const header = bytes({ inputs: [{ name: 'a', datatype: 'INT32', shape: [1], data: [7] }] });
    const body = new Uint8Array(header.length + 4);
    body.set(header);
    body.set([1, 2, 3, 4], header.length);
    expect(decodeOipMessage(body, 'inputs', header.length)?.tensors[0]?.data).toEqual([7]);
  });
  it('returns undefined for non-JSON or a missing field', () => {
    expect(decodeOipMessage(new TextEncoder().encode('nope'), 'inputs')).toBeUndefined();
    expect(decodeOipMessage(bytes({ outputs: [] }), 'inputs')).toBeUndefined();
  });
});

describe('oipPredictionIds', () => {
  it('uses the id for one row and suffixes rows of a batch', () => {
    expect(oipPredictionIds('r', 1)).toEqual(['r']);
    expect(oipPredictionIds('r', 3)).toEqual(['r-0', 'r-1', 'r-2']);
  });
});
