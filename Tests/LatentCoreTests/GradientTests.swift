import LatentCore
import LatentTestSupport
import Testing

/// One operation to check: how to make its inputs and how to apply it.
struct GradientCase: Sendable, CustomTestStringConvertible {
    let name: String
    let makeInputs: @Sendable () -> [Tensor]
    let apply: @Sendable ([Tensor]) -> Tensor
    var testDescription: String { name }

    init(
        _ name: String, _ shapes: [[Int]], range: ClosedRange<Float> = -1...1,
        _ apply: @escaping @Sendable ([Tensor]) -> Tensor
    ) {
        self.name = name
        makeInputs = { shapes.enumerated().map { randomTensor($1, in: range, seed: UInt64($0 + 1)) } }
        self.apply = apply
    }

    /// Inputs kept away from kinks by at least the finite-difference step.
    init(spread name: String, _ shapes: [[Int]], _ apply: @escaping @Sendable ([Tensor]) -> Tensor) {
        self.name = name
        makeInputs = { shapes.enumerated().map { spreadTensor($1, seed: UInt64($0 + 1)) } }
        self.apply = apply
    }
}

let arithmeticCases: [GradientCase] = [
    GradientCase("add same shape", [[3, 4], [3, 4]]) { $0[0] + $0[1] },
    GradientCase("add row broadcast", [[3, 4], [4]]) { $0[0] + $0[1] },
    GradientCase("add column broadcast", [[2, 3, 4], [3, 1]]) { $0[0] + $0[1] },
    GradientCase("add scalar tensor", [[2, 3], []]) { $0[0] + $0[1] },
    GradientCase("subtract both broadcast", [[2, 1, 4], [3, 1]]) { $0[0] - $0[1] },
    GradientCase("multiply channel broadcast", [[2, 3, 2, 2], [1, 3, 1, 1]]) { $0[0] * $0[1] },
    GradientCase("multiply both broadcast", [[2, 1, 4], [3, 1]]) { $0[0] * $0[1] },
    GradientCase("divide broadcast", [[3, 4], [4]], range: 0.5...2) { $0[0] / $0[1] },
    GradientCase("divide by scalar tensor", [[3], []], range: 0.5...2) { $0[0] / $0[1] },
    GradientCase("float on both sides", [[2, 3]]) { 2 - ($0[0] * 3 + 1) / 4 },
    GradientCase("negate", [[5]]) { -$0[0] },
    GradientCase("reuse of one input", [[3, 3]]) { $0[0] * $0[0] + $0[0] },
]

let reductionCases: [GradientCase] = [
    GradientCase("sum all", [[3, 4]]) { $0[0].sum() },
    GradientCase("sum axis 0", [[3, 4]]) { $0[0].sum(axes: [0]) },
    GradientCase("sum axis -1 kept", [[2, 3, 4]]) { $0[0].sum(axes: [-1], keepingDimensions: true) },
    GradientCase("sum two axes", [[2, 3, 4]]) { $0[0].sum(axes: [0, 2]) },
    GradientCase("mean all", [[3, 4]]) { $0[0].mean() },
    GradientCase("mean axis 1", [[2, 3, 4]]) { $0[0].mean(axes: [1]) },
]

let unaryCases: [GradientCase] = [
    GradientCase("exp", [[3, 4]]) { $0[0].exp() },
    GradientCase("log", [[3, 4]], range: 0.5...3) { $0[0].log() },
    GradientCase("sqrt", [[3, 4]], range: 0.5...3) { $0[0].sqrt() },
    GradientCase("pow 3", [[3, 4]]) { $0[0].pow(3) },
    GradientCase("pow -0.5", [[3, 4]], range: 0.5...3) { $0[0].pow(-0.5) },
    GradientCase(spread: "relu", [[4, 5]]) { $0[0].relu() },
    GradientCase(spread: "leaky relu", [[4, 5]]) { $0[0].leakyRelu(slope: 0.1) },
    GradientCase("sigmoid", [[3, 4]], range: -4...4) { $0[0].sigmoid() },
    GradientCase("tanh", [[3, 4]], range: -2...2) { $0[0].tanh() },
    GradientCase("mean squared error", [[3, 5]]) {
        Tensor.meanSquaredError($0[0], Tensor(shape: [3, 5], scalars: (0..<15).map { Float($0 % 4) / 3 }))
    },
    GradientCase("binary cross-entropy from logits", [[3, 4]], range: -4...4) {
        Tensor.binaryCrossEntropy(
            logits: $0[0], targets: Tensor(shape: [3, 4], scalars: (0..<12).map { Float($0 % 5) / 4 }))
    },
    GradientCase("Bernoulli log-likelihood per row", [[3, 4]], range: -4...4) {
        Tensor.bernoulliLogLikelihood(
            logits: $0[0], targets: Tensor(shape: [3, 4], scalars: (0..<12).map { Float($0 % 3 == 0 ? 1 : 0) }))
    },
    GradientCase("log-sum-exp of rows", [[3, 5]], range: -3...3) { $0[0].logSumExpRows() },
    GradientCase("log-sum-exp of rows far from 0", [[2, 4]], range: 40...60) { $0[0].logSumExpRows() },
    GradientCase("softmax", [[3, 5]], range: -3...3) { $0[0].softmax() },
    GradientCase("log softmax", [[2, 3, 5]], range: -3...3) { $0[0].logSoftmax() },
    GradientCase("dropout", [[4, 6]]) { inputs in
        var generator = SeededGenerator(seed: 3)
        return inputs[0].dropout(rate: 0.5, using: &generator)
    },
]

let structureCases: [GradientCase] = [
    GradientCase("reshape", [[2, 6]]) { $0[0].reshaped([3, -1]) * $0[0].reshaped([3, 4]) },
    GradientCase("transpose", [[3, 4]]) { $0[0].transposed() },
    GradientCase("batched transpose", [[2, 3, 4]]) { $0[0].transposed() },
    GradientCase("rows", [[5, 3]]) { $0[0].rows(1..<4) },
    GradientCase("columns", [[3, 5]]) { $0[0].columns(1..<4) },
    GradientCase("concatenate axis 0", [[2, 3], [1, 3]]) { Tensor.concatenate([$0[0], $0[1]], axis: 0) },
    GradientCase("concatenate axis 1", [[2, 3], [2, 2]]) { Tensor.concatenate([$0[0], $0[1]], axis: 1) },
    GradientCase("matmul", [[3, 4], [4, 5]]) { $0[0].matmul($0[1]) },
    GradientCase("batched matmul", [[2, 3, 4], [2, 4, 2]]) { $0[0].matmul($0[1]) },
    GradientCase("linear", [[5, 4], [3, 4], [3]]) { Tensor.linear($0[0], weight: $0[1], bias: $0[2]) },
    GradientCase("linear without bias", [[5, 4], [3, 4]]) { Tensor.linear($0[0], weight: $0[1], bias: nil) },
]

let convolutionCases: [GradientCase] = [
    GradientCase("conv2d stride 1", [[2, 2, 5, 5], [3, 2, 3, 3], [3]]) {
        Tensor.conv2d($0[0], weight: $0[1], bias: $0[2])
    },
    GradientCase("conv2d stride 2 padding 1", [[2, 2, 6, 5], [3, 2, 3, 3], [3]]) {
        Tensor.conv2d($0[0], weight: $0[1], bias: $0[2], stride: 2, padding: 1)
    },
    GradientCase("conv2d 2x3 kernel, no bias", [[1, 3, 5, 6], [2, 3, 2, 3]]) {
        Tensor.conv2d($0[0], weight: $0[1], bias: nil, padding: 1)
    },
    GradientCase("conv transpose stride 2, output padding 1", [[2, 3, 3, 3], [3, 2, 3, 3], [2]]) {
        Tensor.convTranspose2d($0[0], weight: $0[1], bias: $0[2], stride: 2, padding: 1, outputPadding: 1)
    },
    GradientCase("conv transpose stride 1", [[1, 2, 4, 3], [2, 3, 2, 2], [3]]) {
        Tensor.convTranspose2d($0[0], weight: $0[1], bias: $0[2])
    },
    GradientCase(spread: "max pool 2", [[2, 2, 4, 6]]) { $0[0].maxPool2d(kernel: 2) },
    GradientCase(spread: "max pool 2 over odd sides", [[1, 2, 5, 7]]) { $0[0].maxPool2d(kernel: 2) },
    GradientCase(spread: "max pool 3 stride 2", [[1, 2, 7, 5]]) { $0[0].maxPool2d(kernel: 3, stride: 2) },
    GradientCase(spread: "max pool 3 stride 2 pad 1", [[1, 2, 7, 6]]) {
        $0[0].maxPool2d(kernel: 3, stride: 2, padding: 1)
    },
    GradientCase("upsample nearest", [[2, 2, 3, 2]]) { $0[0].upsampleNearest(scale: 2) },
]

@Suite struct GradientTests {
    @Test(arguments: arithmeticCases + reductionCases + unaryCases + structureCases + convolutionCases)
    func matchesFiniteDifferences(_ gradientCase: GradientCase) {
        let result = checkGradients(gradientCase.makeInputs(), gradientCase.apply)
        #expect(result.worstError < 5e-3, "\(gradientCase.name): \(result)")
    }

    @Test func checkerCatchesAWrongGradient() {
        // exp's derivative applied to sigmoid's forward: the checker must notice.
        let x = randomTensor([3, 3], seed: 1)
        let result = checkGradients([x]) { inputs in
            let y = inputs[0].sigmoid()
            return y + (inputs[0].exp() - inputs[0].exp().detached())
        }
        #expect(result.worstError > 0.1)
    }
}
