import protobuf from 'protobufjs';
import { describe, expect, it } from 'vitest';
import { readOnnxMetadata } from '@mlmon/instrumentation';
import { buildLogisticRegressionOnnx } from './onnx-model-builder.js';

/** A hand-written subset of onnx/onnx.proto (field numbers from the ONNX spec). */
const ONNX_SUBSET = {
  nested: {
    onnx: {
      nested: {
        ModelProto: {
          fields: {
            irVersion: { type: 'int64', id: 1 },
            producerName: { type: 'string', id: 2 },
            modelVersion: { type: 'int64', id: 5 },
            graph: { type: 'GraphProto', id: 7 },
            opsetImport: { rule: 'repeated', type: 'OperatorSetIdProto', id: 8 },
            metadataProps: { rule: 'repeated', type: 'StringStringEntryProto', id: 14 },
          },
        },
        OperatorSetIdProto: {
          fields: { domain: { type: 'string', id: 1 }, version: { type: 'int64', id: 2 } },
        },
        StringStringEntryProto: {
          fields: { key: { type: 'string', id: 1 }, value: { type: 'string', id: 2 } },
        },
        GraphProto: {
          fields: {
            node: { rule: 'repeated', type: 'NodeProto', id: 1 },
            name: { type: 'string', id: 2 },
            initializer: { rule: 'repeated', type: 'TensorProto', id: 5 },
            input: { rule: 'repeated', type: 'ValueInfoProto', id: 11 },
            output: { rule: 'repeated', type: 'ValueInfoProto', id: 12 },
          },
        },
        NodeProto: {
          fields: {
            input: { rule: 'repeated', type: 'string', id: 1 },
            output: { rule: 'repeated', type: 'string', id: 2 },
            name: { type: 'string', id: 3 },
            opType: { type: 'string', id: 4 },
            attribute: { rule: 'repeated', type: 'AttributeProto', id: 5 },
          },
        },
        AttributeProto: {
          fields: {
            name: { type: 'string', id: 1 },
            i: { type: 'int64', id: 3 },
            type: { type: 'int32', id: 20 },
          },
        },
        TensorProto: {
          fields: {
            dims: { rule: 'repeated', type: 'int64', id: 1 },
            dataType: { type: 'int32', id: 2 },
            floatData: { rule: 'repeated', type: 'float', id: 4 },
            name: { type: 'string', id: 8 },
          },
        },
        ValueInfoProto: {
          fields: { name: { type: 'string', id: 1 }, type: { type: 'TypeProto', id: 2 } },
        },
        TypeProto: { fields: { tensorType: { type: 'TypeProtoTensor', id: 1 } } },
        TypeProtoTensor: {
          fields: {
            elemType: { type: 'int32', id: 1 },
            shape: { type: 'TensorShapeProto', id: 2 },
          },
        },
        TensorShapeProto: { fields: { dim: { rule: 'repeated', type: 'Dimension', id: 1 } } },
        Dimension: {
          fields: { dimValue: { type: 'int64', id: 1 }, dimParam: { type: 'string', id: 2 } },
        },
      },
    },
  },
};

const ModelProto = protobuf.Root.fromJSON(ONNX_SUBSET).lookupType('onnx.ModelProto');

describe('buildLogisticRegressionOnnx', () => {
  it('encodes MatMul → Add → Sigmoid, opset 17, IR 8 (decoded with protobufjs)', () => {
    const bytes = buildLogisticRegressionOnnx({
      weights: [0.5, -1.25],
      bias: 0.75,
      inputName: 'x',
      outputName: 'p',
      modelVersion: 3,
      metadata: { version: '3.1' },
    });
    const model = ModelProto.toObject(ModelProto.decode(bytes), { longs: Number }) as {
      irVersion: number;
      modelVersion: number;
      opsetImport: { domain?: string; version: number }[];
      metadataProps: { key: string; value: string }[];
      graph: {
        node: { opType: string; input: string[]; output: string[] }[];
        initializer: { name: string; dims: number[]; dataType: number; floatData: number[] }[];
        input: {
          name: string;
          type: { tensorType: { elemType: number; shape: { dim: object[] } } };
        }[];
        output: { name: string }[];
      };
    };
    expect(model.irVersion).toBe(8);
    expect(model.modelVersion).toBe(3);
    expect(model.opsetImport).toEqual([{ domain: '', version: 17 }]);
    expect(model.metadataProps).toEqual([{ key: 'version', value: '3.1' }]);
    expect(model.graph.node.map((n) => [n.opType, n.input, n.output])).toEqual([
      ['MatMul', ['x', 'W'], ['xw']],
      ['Add', ['xw', 'B'], ['logit']],
      ['Sigmoid', ['logit'], ['p']],
    ]);
    expect(model.graph.initializer.map((t) => [t.name, t.dims, t.dataType, t.floatData])).toEqual([
      ['W', [2, 1], 1, [0.5, -1.25]],
      ['B', [1], 1, [0.75]],
    ]);
    expect(model.graph.input[0]?.name).toBe('x');
    expect(model.graph.input[0]?.type.tensorType.shape.dim).toEqual([
      { dimParam: 'batch' },
      { dimValue: 2 },
    ]);
    expect(model.graph.output.map((o) => o.name)).toEqual(['p']);
  });

  it('adds Sub and Concat(axis=1) for a two-column output', () => {
    const model = ModelProto.toObject(
      ModelProto.decode(buildLogisticRegressionOnnx({ weights: [1], probabilityColumns: 2 })),
      { longs: Number },
    ) as {
      graph: { node: { opType: string; attribute: { name: string; i: number; type: number }[] }[] };
    };
    expect(model.graph.node.map((n) => n.opType)).toEqual([
      'MatMul',
      'Add',
      'Sigmoid',
      'Sub',
      'Concat',
    ]);
    expect(model.graph.node[4]?.attribute).toEqual([{ name: 'axis', i: 1, type: 2 }]);
  });

  it('rejects an empty or non-finite weight list', () => {
    expect(() => buildLogisticRegressionOnnx({ weights: [] })).toThrow(/weights must not be empty/);
    expect(() => buildLogisticRegressionOnnx({ weights: [Number.NaN] })).toThrow(/finite/);
  });
});

describe('readOnnxMetadata', () => {
  it('reads model_version, producer_name and metadata_props', () => {
    const bytes = buildLogisticRegressionOnnx({
      weights: [1],
      modelVersion: 12,
      metadata: { name: 'churn', version: 'v2' },
    });
    expect(readOnnxMetadata(bytes)).toEqual({
      producerName: '@mlmon/instrumentation',
      modelVersion: 12,
      metadataProps: { name: 'churn', version: 'v2' },
    });
  });
  it('throws on truncated bytes', () => {
    const bytes = buildLogisticRegressionOnnx({ weights: [1] });
    expect(() => readOnnxMetadata(bytes.subarray(0, bytes.length - 3))).toThrow(RangeError);
  });
});
