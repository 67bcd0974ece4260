import LatentCore
import LatentData
import LatentLinalg
import LatentModels
import LatentNN

extension AutoencoderPipeline {
    /// A test image to draw beside its nearest train images, and the picture's file name.
    public struct NeighbourQuery: Equatable, Sendable {
        public var index: Int
        public var file: String

        public init(index: Int, file: String? = nil) {
            self.index = index
            self.file = file ?? "neighbours-\(index).png"
        }

        /// The first test image of each class named, in a picture named after the class ("neighbours-bag.png");
        /// a class the test split lacks is left out.
        public static func firstOfEachClass(_ classNames: [String], in test: ImageDataset) -> [NeighbourQuery] {
            classNames.compactMap { name in
                guard let label = test.classNames.firstIndex(of: name), let index = test.labels.firstIndex(of: label)
                else {
                    return nil
                }
                return NeighbourQuery(index: index, file: "neighbours-\(name.lowercased()).png")
            }
        }
    }

    /// Reconstructions beside PCA's, the training curve, the first layer's weights (a dense first layer only), each
    /// query's nearest neighbours in pixels, PCA codes and autoencoder codes, a map of the codes, and the generative
    /// pictures (`drawGenerativePictures`).
    func drawPictures(
        _ autoencoder: Autoencoder, codes: CodeComparison.Codes, pca: PCA, reports: [EpochReport],
        train: ImageDataset, test: ImageDataset,
        output: String
    ) throws -> [(file: String, caption: String)] {
        var pictures: [(file: String, caption: String)] = []
        let name = architecture.rawValue
        let pcaCodes = (train: try pca.transform(train.images), test: try pca.transform(test.images))
        try AutoencoderPictures.reconstructions(
            of: test, rows: Array(0..<min(10, test.count)),
            by: [
                ("PCA-\(codeSize)", try pca.inverseTransform(pcaCodes.test)),
                ("\(name) AE", autoencoder.reconstruct(test.images)),
            ]
        ).savePNG(to: path("reconstructions.png", in: output))
        pictures.append(("reconstructions.png", "Test images (top), PCA-\(codeSize) and autoencoder reconstructions"))
        try AutoencoderPictures.trainingCurve(reports, title: "\(name) autoencoder, code \(codeSize)")
            .save(to: path("curve.svg", in: output))
        pictures.append(("curve.svg", "Training and test loss per epoch"))
        if let first = autoencoder.encoder?.layer(at: "0") as? Linear {
            try AutoencoderPictures.firstLayerWeights(
                first.weight, imageWidth: test.width, imageHeight: test.height, channels: test.channels
            )
            .savePNG(to: path("weights.png", in: output))
            pictures.append(("weights.png", "The first 64 units of the encoder's first layer, as images"))
        }
        for query in queries {
            try AutoencoderPictures.neighbours(
                query: query.index, train: train, test: test, k: neighbours,
                spaces: [
                    ("pixels", train.images, test.images), ("PCA-\(codeSize)", pcaCodes.train, pcaCodes.test),
                    ("AE codes", codes.train, codes.test),
                ]
            ).savePNG(to: path(query.file, in: output))
            pictures.append(
                (
                    query.file,
                    "Test image \(query.index) (\(test.classNames[test.labels[query.index]])) and its "
                        + "nearest train images by pixels, PCA codes and autoencoder codes"
                ))
        }
        if try drawCodeMap(codes.test, of: test, to: path("code-map.svg", in: output)) {
            pictures.append(("code-map.svg", "Autoencoder codes of test images in two dimensions, coloured by class"))
        }
        return pictures
            + (try drawGenerativePictures(autoencoder, testCodes: codes.test, test: test, output: output))
    }

    /// The codes of up to 2,000 test images in two dimensions: themselves for a 2-unit code, else their first two
    /// principal components (which a 1-unit code, or a single test image, does not have: no map then).
    private func drawCodeMap(_ codes: Tensor, of test: ImageDataset, to file: String) throws -> Bool {
        let mapped = codes.rows(0..<min(2_000, test.count))
        guard codeSize == 2 || (codeSize > 2 && mapped.shape[0] >= 2) else { return false }
        let plane = codeSize == 2 ? mapped : try PCA.fit(mapped, components: 2).transform(mapped)
        let title =
            codeSize == 2
            ? "The 2-unit codes of \(mapped.shape[0]) test images"
            : "First two principal components of the codes of \(mapped.shape[0]) test images"
        try AutoencoderPictures.codeMap(
            plane, labels: Array(test.labels.prefix(mapped.shape[0])), classNames: test.classNames,
            title: title
        ).save(to: file)
        return true
    }
}
