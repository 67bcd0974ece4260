import LatentCore

/// Layers wired by name, as Keras's functional models are: each node applies its layer to one earlier value, or to
/// several joined by addition or concatenation, and the graph may take several inputs and give several outputs
/// (an autoencoder that returns its code beside its reconstruction; a model of an image and a mask).
///
/// As a `Layer` it maps its one input to its one output; `callAsFunction(_:)` with arrays serves the rest.
public final class Graph: Layer {
    /// Which node reads which values, and the graph's inputs and outputs.
    public let wiring: Description
    public let children: [NamedLayer]

    init(_ wiring: Description, layers: [any Layer]) {
        self.wiring = wiring
        children = zip(wiring.nodes, layers).map { (name: $0.name, layer: $1) }
    }

    public var spec: LayerSpec { LayerSpec(wiring) }

    /// The outputs, in the order `Description.outputs` names them, for the inputs in the order it names them.
    public func callAsFunction(_ inputs: [Tensor]) -> [Tensor] {
        precondition(
            inputs.count == wiring.inputs.count,
            "the graph takes \(wiring.inputs.count) inputs, got \(inputs.count)")
        var values = Dictionary(uniqueKeysWithValues: zip(wiring.inputs, inputs))
        for (node, child) in zip(wiring.nodes, children) {
            let read = node.inputs.compactMap { values[$0] }
            values[node.name] = child.layer(node.join?.apply(read) ?? read[0])
        }
        return wiring.outputs.compactMap { values[$0] }
    }

    public func callAsFunction(_ input: Tensor) -> Tensor {
        precondition(
            wiring.inputs.count == 1 && wiring.outputs.count == 1,
            "a graph of \(wiring.inputs.count) inputs and \(wiring.outputs.count) outputs "
                + "is called with arrays")
        return self([input])[0]
    }

    /// How a node combines several values before its layer.
    public enum Join: String, Codable, Sendable {
        /// Element-wise sum: the values must have one shape.
        case add
        /// Joined along the channel (or feature) axis.
        case concatenate

        func apply(_ values: [Tensor]) -> Tensor {
            switch self {
            case .add: return values.dropFirst().reduce(values[0], +)
            case .concatenate: return Tensor.concatenate(values, axis: 1)
            }
        }

        /// One sample's shape after joining `shapes`, or `nil` when they cannot be joined.
        func shape(of shapes: [[Int]]) -> [Int]? {
            let first = shapes[0]
            switch self {
            case .add: return shapes.allSatisfy { $0 == first } ? first : nil
            case .concatenate:
                guard !first.isEmpty, shapes.allSatisfy({ $0.dropFirst() == first.dropFirst() }) else { return nil }
                return [shapes.reduce(0) { $0 + $1[0] }] + first.dropFirst()
            }
        }
    }

    /// One named step: `layer` applied to the value named in `inputs`, or to several joined by `join`.
    public struct Node: Codable, Equatable, Sendable {
        public var name: String
        public var layer: LayerSpec
        public var inputs: [String]
        public var join: Join?

        public init(_ name: String, _ layer: LayerSpec, inputs: [String], join: Join? = nil) {
            self.name = name
            self.layer = layer
            self.inputs = inputs
            self.join = join
        }
    }

    public struct Description: LayerDescription {
        public static let kind = "graph"
        public var inputs: [String]
        public var nodes: [Node]
        public var outputs: [String]

        public init(inputs: [String], nodes: [Node], outputs: [String]) {
            self.inputs = inputs
            self.nodes = nodes
            self.outputs = outputs
        }

        public var summary: String { "Graph(\(inputs.joined(separator: ", ")) -> \(outputs.joined(separator: ", ")))" }
        public var children: [NamedLayerSpec] { nodes.map { NamedLayerSpec($0.name, $0.layer) } }

        /// Every name is new, every node reads names defined before it, and joins where it reads several.
        public func validate() throws {
            guard !inputs.isEmpty, !outputs.isEmpty else { throw LatentError("\(summary): needs inputs and outputs") }
            var known = Set<String>()
            for name in inputs {
                guard known.insert(name).inserted else { throw LatentError("\(summary): \(name) is named twice") }
            }
            for node in nodes {
                guard !node.inputs.isEmpty, node.inputs.allSatisfy(known.contains) else {
                    throw LatentError(
                        "\(summary): node \(node.name) reads \(node.inputs), but only "
                            + "\(known.sorted()) are defined before it")
                }
                guard (node.inputs.count > 1) == (node.join != nil) else {
                    throw LatentError("\(summary): node \(node.name) needs a join exactly when it reads several values")
                }
                guard known.insert(node.name).inserted else {
                    throw LatentError("\(summary): \(node.name) is named twice")
                }
            }
            guard let missing = outputs.first(where: { !known.contains($0) }) else { return }
            throw LatentError("\(summary): the output \(missing) is not defined")
        }

        /// The outputs' shapes for the inputs' shapes (one sample each, no batch axis).
        public func outputShapes(for inputShapes: [[Int]]) throws -> [[Int]] {
            try validate()
            guard inputShapes.count == inputs.count else {
                throw LatentError("\(summary) takes \(inputs.count) inputs, got \(inputShapes.count)")
            }
            var shapes = Dictionary(uniqueKeysWithValues: zip(inputs, inputShapes))
            for node in nodes {
                let read = node.inputs.compactMap { shapes[$0] }
                guard let joined = node.join.map({ $0.shape(of: read) }) ?? read.first else {
                    throw LatentError("\(summary): node \(node.name) cannot \(node.join?.rawValue ?? "read") \(read)")
                }
                shapes[node.name] = try node.layer.outputShape(for: joined, naming: node.name)
            }
            return outputs.compactMap { shapes[$0] }
        }

        public func outputShape(for input: [Int]) throws -> [Int] {
            guard outputs.count == 1 else { throw LatentError("\(summary) gives \(outputs.count) outputs, not one") }
            return try outputShapes(for: [input])[0]
        }

        public func makeLayer(using generator: inout some RandomNumberGenerator) throws -> any Layer {
            Graph(self, layers: try nodes.map { try $0.layer.build(using: &generator) })
        }
    }
}

extension LayerSpec {
    /// Layers wired by name, with several inputs or outputs where asked.
    public static func graph(inputs: [String], nodes: [Graph.Node], outputs: [String]) -> LayerSpec {
        LayerSpec(Graph.Description(inputs: inputs, nodes: nodes, outputs: outputs))
    }
}
