/**
 * Builds a tiny logistic-regression ONNX model in code (MatMul → Add → Sigmoid, opset 17,
 * IR version 8), so tests, the demo and benchmarks need no model download.
 * Field numbers follow onnx/onnx.proto (ModelProto, GraphProto, NodeProto, TensorProto, ...).
 */
import { ProtobufWriter } from '../wire/protobuf-writer.js';

/** ONNX `TensorProto.DataType.FLOAT`. */
const ONNX_FLOAT = 1;
/** ONNX `AttributeProto.AttributeType.INT`. */
const ONNX_ATTRIBUTE_INT = 2;
const IR_VERSION = 8;
const OPSET = 17;

/** Options of {@link buildLogisticRegressionOnnx}. */
export interface LogisticRegressionOnnxOptions {
  /** One weight per feature; the input is `[batch, weights.length]` float32. */
  weights: readonly number[];
  /** Intercept. @default 0 */
  bias?: number;
  /** Name of the input tensor. @default 'input' */
  inputName?: string;
  /** Name of the output tensor. @default 'probability' */
  outputName?: string;
  /**
   * 1: the output is `[batch, 1]` P(class 1). 2: the output is `[batch, 2]` [P(class 0), P(class 1)]
   * (what most converted classifiers return).
   * @default 1
   */
  probabilityColumns?: 1 | 2;
  /** `ModelProto.model_version`. @default undefined */
  modelVersion?: number;
  /** `ModelProto.metadata_props` (e.g. `{ version: '3' }`). @default {} */
  metadata?: Record<string, string>;
  /** `ModelProto.producer_name`. @default '@mlmon/instrumentation' */
  producerName?: string;
}

function valueInfo(w: ProtobufWriter, name: string, dims: readonly (number | string)[]): void {
  w.string(1, name).message(2, (type) =>
    type.message(1, (tensor) =>
      tensor.varint(1, ONNX_FLOAT).message(2, (shape) => {
        for (const d of dims) {
          shape.message(1, (dim) => (typeof d === 'number' ? dim.varint(1, d) : dim.string(2, d)));
        }
      }),
    ),
  );
}

function floatTensor(
  w: ProtobufWriter,
  name: string,
  dims: readonly number[],
  values: readonly number[],
): void {
  w.packedVarints(1, dims).varint(2, ONNX_FLOAT).packedFloats(4, values).string(8, name);
}

function node(
  w: ProtobufWriter,
  opType: string,
  inputs: readonly string[],
  output: string,
  intAttributes: Record<string, number> = {},
): void {
  for (const i of inputs) w.string(1, i);
  w.string(2, output).string(3, `${opType.toLowerCase()}_${output}`).string(4, opType);
  for (const [name, value] of Object.entries(intAttributes)) {
    w.message(5, (a) => a.string(1, name).varint(3, value).varint(20, ONNX_ATTRIBUTE_INT));
  }
}

/**
 * Encodes a logistic-regression model `sigmoid(x · weights + bias)` as ONNX bytes; write them to
 * a file or pass them to `InferenceSession.create`. Throws a `RangeError` for an empty weight list.
 */
export function buildLogisticRegressionOnnx(options: LogisticRegressionOnnxOptions): Uint8Array {
  const n = options.weights.length;
  if (n === 0) throw new RangeError('buildLogisticRegressionOnnx: weights must not be empty');
  if (!options.weights.every(Number.isFinite))
    throw new RangeError('buildLogisticRegressionOnnx: weights must be finite');
  const inputName = options.inputName ?? 'input';
  const outputName = options.outputName ?? 'probability';
  const columns = options.probabilityColumns ?? 1;
  const positive = columns === 2 ? 'p_positive' : outputName;

  const model = new ProtobufWriter()
    .varint(1, IR_VERSION)
    .string(2, options.producerName ?? '@mlmon/instrumentation');
  if (options.modelVersion !== undefined) model.varint(5, options.modelVersion);
  model.message(7, (graph) => {
    graph.message(1, (w) => node(w, 'MatMul', [inputName, 'W'], 'xw'));
    graph.message(1, (w) => node(w, 'Add', ['xw', 'B'], 'logit'));
    graph.message(1, (w) => node(w, 'Sigmoid', ['logit'], positive));
    if (columns === 2) {
      graph.message(1, (w) => node(w, 'Sub', ['one', positive], 'p_negative'));
      graph.message(1, (w) => node(w, 'Concat', ['p_negative', positive], outputName, { axis: 1 }));
    }
    graph.string(2, 'logistic_regression');
    graph.message(5, (w) => floatTensor(w, 'W', [n, 1], options.weights));
    graph.message(5, (w) => floatTensor(w, 'B', [1], [options.bias ?? 0]));
    if (columns === 2) graph.message(5, (w) => floatTensor(w, 'one', [1], [1]));
    graph.message(11, (w) => valueInfo(w, inputName, ['batch', n]));
    graph.message(12, (w) => valueInfo(w, outputName, ['batch', columns]));
  });
  model.message(8, (opset) => opset.string(1, '').varint(2, OPSET));
  for (const [key, value] of Object.entries(options.metadata ?? {})) {
    model.message(14, (entry) => entry.string(1, key).string(2, value));
  }
  return model.finish();
}
