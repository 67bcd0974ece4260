import Foundation
import LatentCore
import LatentNN
import LatentTestSupport
import Testing

@Suite struct GraphTests {
    /// An image and a second input joined by concatenation; the code and the reconstruction both come out.
    static let twoInTwoOut = LayerSpec.graph(
        inputs: ["image", "condition"],
        nodes: [
            Graph.Node("encoder", .sequential(layers: [.linear(inputs: 5, outputs: 3), .tanh]), inputs: ["image"]),
            Graph.Node("code", .identity, inputs: ["encoder", "condition"], join: .concatenate),
            Graph.Node("decoder", .linear(inputs: 5, outputs: 5), inputs: ["code"]),
            Graph.Node("residual", .tanh, inputs: ["decoder", "image"], join: .add),
        ],
        outputs: ["code", "residual"])

    @Test func shapesAndValuesFollowTheWiring() throws {
        let description = try #require(Self.twoInTwoOut.base as? Graph.Description)
        #expect(try description.outputShapes(for: [[5], [2]]) == [[5], [5]])
        var generator = SeededGenerator(seed: 1)
        let graph = try #require(try Self.twoInTwoOut.build(using: &generator) as? Graph)
        let (image, condition) = (randomTensor([4, 5], seed: 2), randomTensor([4, 2], seed: 3))
        let outputs = graph([image, condition])
        let encoded = graph.children[0].layer(image)
        #expect(outputs[0].scalars == Tensor.concatenate([encoded, condition], axis: 1).scalars)
        let decoded = graph.children[2].layer(outputs[0])
        #expect(outputs[1].scalars == (decoded + image).tanh().scalars)
        #expect(
            graph.namedParameters.map(\.name) == [
                "encoder.0.weight", "encoder.0.bias", "decoder.weight", "decoder.bias",
            ])
        #expect(
            try JSONDecoder().decode(LayerSpec.self, from: JSONEncoder().encode(Self.twoInTwoOut)) == Self.twoInTwoOut)
    }

    @Test func gradientsMatchFiniteDifferences() throws {
        var generator = SeededGenerator(seed: 4)
        let graph = try #require(try Self.twoInTwoOut.build(using: &generator) as? Graph)
        let (image, condition) = (spreadTensor([3, 5], gap: 0.07, seed: 5), spreadTensor([3, 2], gap: 0.07, seed: 6))
        let result = checkGradients([image, condition] + graph.namedParameters.map(\.tensor)) { inputs in
            let outputs = graph([inputs[0], inputs[1]])
            return Tensor.concatenate(outputs, axis: 1)
        }
        #expect(result.worstError < 5e-3, "\(result)")
    }

    @Test func wiringMistakesAreNamed() {
        func message(_ spec: LayerSpec, _ shapes: [[Int]]) -> String {
            do {
                _ = try (spec.base as? Graph.Description)?.outputShapes(for: shapes)
                return ""
            } catch { return "\(error)" }
        }
        let undefined = LayerSpec.graph(inputs: ["x"], nodes: [Graph.Node("a", .relu, inputs: ["y"])], outputs: ["a"])
        #expect(message(undefined, [[2]]).contains("node a reads [\"y\"], but only [\"x\"] are defined before it"))
        let unjoined = LayerSpec.graph(
            inputs: ["x", "y"], nodes: [Graph.Node("a", .relu, inputs: ["x", "y"])],
            outputs: ["a"])
        #expect(message(unjoined, [[2], [2]]).contains("node a needs a join exactly when it reads several values"))
        let mismatched = LayerSpec.graph(
            inputs: ["x", "y"], nodes: [Graph.Node("a", .relu, inputs: ["x", "y"], join: .add)],
            outputs: ["a"])
        #expect(message(mismatched, [[2], [3]]).contains("node a cannot add [[2], [3]]"))
        let missing = LayerSpec.graph(inputs: ["x"], nodes: [], outputs: ["z"])
        #expect(message(missing, [[2]]).contains("the output z is not defined"))
    }
}
