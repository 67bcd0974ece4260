import LatentCore
import Synchronization

/// The kinds of layer a stored description may name, and the description type that decodes each.
///
/// Latent's own layers are in `builtIn`. A layer defined in another package is registered once, before a
/// model that uses it is loaded: `try LayerRegistry.register(MyLayer.Description.self)`.
public enum LayerRegistry {
    /// Latent's layers, one line each.
    static let builtIn: [any LayerDescription.Type] = [
        Linear.Description.self, Conv2d.Description.self, ConvTranspose2d.Description.self,
        BatchNorm.Description.self, ChannelNormalization.Description.self, Dropout.Description.self,
        ActivationDescription<ReLU>.self, LeakyReLU.Description.self, ActivationDescription<Sigmoid>.self,
        ActivationDescription<Tanh>.self,
        MaxPool2d.Description.self, GlobalAveragePool2d.Description.self, Upsample.Description.self,
        Flatten.Description.self, Reshape.Description.self, ActivationDescription<Identity>.self,
        Sequential.Description.self, Sequential.NamedDescription.self,
        Residual.Description.self, Concatenate.Description.self, Graph.Description.self,
        VariationalAutoencoder.Description.self, VectorQuantizer.Description.self,
        AdversarialAutoencoder.Description.self,
    ]

    private static let types = Mutex<[String: any LayerDescription.Type]>(
        Dictionary(uniqueKeysWithValues: builtIn.map { ($0.kind, $0) }))

    /// Makes `type`'s kind loadable; registering the same type again does nothing, and a kind that another type
    /// already holds is refused, naming both.
    public static func register(_ type: any LayerDescription.Type) throws {
        try types.withLock { types in
            if let existing = types[type.kind], ObjectIdentifier(existing) != ObjectIdentifier(type) {
                throw LatentError(
                    "the layer kind \"\(type.kind)\" is already registered by \(existing); "
                        + "\(type) needs a kind of its own")
            }
            types[type.kind] = type
        }
    }

    /// The description type registered for `kind`, or `nil`.
    public static func descriptionType(for kind: String) -> (any LayerDescription.Type)? {
        types.withLock { $0[kind] }
    }

    /// Every registered kind, sorted.
    public static var kinds: [String] { types.withLock { $0.keys.sorted() } }
}
