import Foundation

/// The datasets Latent knows by name: where they live, their files, classes and checksums.
public enum KnownDataset: String, CaseIterable, Sendable {
    case fashionMNIST = "fashion-mnist"
    case mnist

    public enum Split: String, Sendable { case train, test }

    public var classNames: [String] {
        switch self {
        case .fashionMNIST:
            return [
                "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag",
                "Ankle boot",
            ]
        case .mnist:
            return (0...9).map(String.init)
        }
    }

    /// Where a Debian package installs it (`dataset-fashion-mnist`); MNIST has no such package.
    public var installedDirectory: String? {
        switch self {
        case .fashionMNIST: return "/usr/share/datasets/fashion-mnist"
        case .mnist: return nil
        }
    }

    /// The four file names, as published.
    public static let fileNames = [
        "train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
        "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz",
    ]

    /// The published MD5 of each file (the ones torchvision checks).
    public var md5: [String: String] {
        switch self {
        case .fashionMNIST:
            return [
                "train-images-idx3-ubyte.gz": "8d4fb7e6c68d591d4c3dfef9ec88bf0d",
                "train-labels-idx1-ubyte.gz": "25c81989df183df01b3e8a0aad5dffbe",
                "t10k-images-idx3-ubyte.gz": "bef4ecab320f06d8554ea6380940ec79",
                "t10k-labels-idx1-ubyte.gz": "bb300cfdad3c16e7a12a480ee83cd310",
            ]
        case .mnist:
            return [
                "train-images-idx3-ubyte.gz": "f68b3c2dcbeaaa9fbdd348bbdeb94873",
                "train-labels-idx1-ubyte.gz": "d53e105ee54ea40749a09fcbcd1e9432",
                "t10k-images-idx3-ubyte.gz": "9fb629c4189551a2d022fa330f9573f3",
                "t10k-labels-idx1-ubyte.gz": "ec29112dd5afa0611ce80d1b7f02629c",
            ]
        }
    }

    /// Images per class in each split as published; another dataset's files are recognised by them.
    public func publishedLabelCounts(_ split: Split) -> [Int] {
        switch (self, split) {
        case (.fashionMNIST, .train): return [Int](repeating: 6_000, count: 10)
        case (.fashionMNIST, .test): return [Int](repeating: 1_000, count: 10)
        case (.mnist, .train): return [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949]
        case (.mnist, .test): return [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]
        }
    }

    /// Public mirrors of the files.
    public var mirror: URL {
        switch self {
        case .fashionMNIST: return URL(string: "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/")!
        case .mnist: return URL(string: "https://ossci-datasets.s3.amazonaws.com/mnist/")!
        }
    }

    /// Where `latent data fetch NAME` puts the files unless told: `$LATENT_DATA/NAME`, else the per-user cache
    /// `$XDG_CACHE_HOME/latent/NAME` (`~/.cache/latent/NAME`), where torchvision and Keras users look for downloads.
    public func fetchDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let root = environment["LATENT_DATA"], !root.isEmpty {
            return (root as NSString).appendingPathComponent(rawValue)
        }
        let cache =
            environment["XDG_CACHE_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil }
            ?? ((environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()) as NSString)
            .appendingPathComponent(".cache")
        return ((cache as NSString).appendingPathComponent("latent") as NSString).appendingPathComponent(rawValue)
    }

    /// The data directory: the flag if given, else `$LATENT_DATA/NAME`, else the Debian package's folder when it is
    /// installed, else the cache that `latent data fetch NAME` fills.
    public func directory(flag: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> String
    {
        if let flag { return flag }
        if environment["LATENT_DATA"].map({ !$0.isEmpty }) != true, let installed = installedDirectory,
            FileManager.default.fileExists(atPath: installed)
        {
            return installed
        }
        return fetchDirectory(environment: environment)
    }
}
