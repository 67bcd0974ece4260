import LatentCore
import LatentNN
import LatentStorage

/// A torchvision ResNet's `state_dict`, saved as safetensors, as a Latent classifier checkpoint.
///
/// Stage widths and classes are read from the file's shapes (`layerK.0.conv1.weight`, `fc.weight`), so a network of
/// torchvision's layout at another width imports too. Every tensor of the model must be in the file with its shape
/// and every tensor of the file must find a place (`num_batches_tracked`, a counter, is ignored); otherwise the
/// import is refused, naming each one. ImageNet's normalisation goes into the model's `normalize` layer, so the
/// checkpoint takes Latent's RGB values in [0, 1] as torchvision's transforms give them to the network.
public enum TorchvisionImport {
    /// What `latent data import` should make of photos for this model, recorded in the metadata and printed.
    ///
    /// - Parameter imageSize: the side of the square images the model takes.
    public static func preprocessingAdvice(imageSize: Int) -> String {
        "RGB in [0, 1], \(imageSize)x\(imageSize): `latent data import DIR --size \(imageSize)` (torchvision resizes "
            + "the short side to \(imageSize * 8 / 7) and crops the centre \(imageSize)); ImageNet's mean and std "
            + "are applied inside the model"
    }

    /// The checkpoint of `depth`'s network with the weights in the safetensors file at `path`.
    ///
    /// - Parameters:
    ///   - depth: ResNet-18 or ResNet-50; a file of the other depth is refused with a hint.
    ///   - path: the `state_dict` saved with `safetensors.torch.save_file`.
    ///   - imageSize: the side of the square images the model will take (224 for ImageNet's weights).
    public static func checkpoint(
        _ depth: TorchvisionResNet.Depth, weightsAt path: String, imageSize: Int = 224
    ) throws -> Checkpoint {
        let file = try SafetensorsFile(contentsOf: path)
        let bottleneck = file.entries["layer1.0.conv3.weight"] != nil
        if bottleneck != (depth == .resnet50) {
            throw LatentError(
                "\(path) holds a network of \(bottleneck ? "bottleneck" : "basic") blocks, not a \(depth.title); "
                    + "try --arch \(bottleneck ? "resnet50" : "resnet18")")
        }
        let widths = try (1...4).map { stage in try leadingSize(of: "layer\(stage).0.conv1.weight", in: file) }
        let architecture = TorchvisionResNet(
            depth: depth, widths: widths, classes: try leadingSize(of: "fc.weight", in: file), imageSize: imageSize)
        var generator = SeededGenerator(seed: 0)
        let model = try architecture.build(using: &generator)
        try fill(model, from: file)
        return Checkpoint(
            model: model, kind: .classifier,
            metadata: [
                "task": "classifier", "source": "torchvision \(depth.rawValue) from \(path)",
                "input_shape": "3x\(imageSize)x\(imageSize)",
                "preprocessing": preprocessingAdvice(imageSize: imageSize),
                "feature_layer": "pool", "feature_count": String(architecture.featureCount),
            ])
    }

    /// Copies each of the model's tensors from its torchvision name, after checking all of them; the
    /// normalisation, which torchvision keeps outside the network, keeps the ImageNet statistics it was built with.
    private static func fill(_ model: any Layer, from file: SafetensorsFile) throws {
        var missing: [String] = []
        var misShaped: [String] = []
        var copies: [(target: Tensor, source: String)] = []
        var wanted: Set<String> = []
        for (name, tensor) in model.stateTensors where !name.hasPrefix("normalize.") {
            let source = TorchvisionResNet.torchvisionName(of: name)
            wanted.insert(source)
            guard let entry = file.entries[source] else {
                missing.append(source)
                continue
            }
            guard entry.shape == tensor.shape else {
                misShaped.append("\(source): file \(entry.shape), model \(tensor.shape)")
                continue
            }
            copies.append((tensor, source))
        }
        let extra = file.entries.keys.filter { !wanted.contains($0) && !$0.hasSuffix("num_batches_tracked") }.sorted()
        guard missing.isEmpty, misShaped.isEmpty, extra.isEmpty else {
            var parts = ["\(file.path) does not fit torchvision's layout"]
            if !missing.isEmpty { parts.append("missing from the file: " + missing.joined(separator: ", ")) }
            if !extra.isEmpty { parts.append("not in the model: " + extra.joined(separator: ", ")) }
            if !misShaped.isEmpty { parts.append("different shapes: " + misShaped.joined(separator: "; ")) }
            throw LatentError(parts.joined(separator: "; "))
        }
        for (target, source) in copies { target.copyValues(from: try file.tensor(source)) }
    }

    /// The first size of tensor `name`, which gives a stage's width or the number of classes.
    private static func leadingSize(of name: String, in file: SafetensorsFile) throws -> Int {
        guard let entry = file.entries[name] else {
            throw LatentError("\(file.path) does not fit torchvision's layout: missing from the file: \(name)")
        }
        guard let size = entry.shape.first, size > 0 else {
            throw LatentError("\(file.path): tensor \(name) has shape \(entry.shape); it needs a first size above 0")
        }
        return size
    }
}
