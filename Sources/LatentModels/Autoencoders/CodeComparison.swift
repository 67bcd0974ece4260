import Foundation
import LatentCore
import LatentData
import LatentLinalg
import LatentRetrieval

/// One row of the PCA-versus-autoencoder table: how well codes of one size reconstruct and retrieve.
public struct CodeComparison: Sendable {
    public let method: String
    public let codeSize: Int
    public let testMSE: Double
    public let figures: RetrievalFigures
    /// PCA's fit or the autoencoder's training, in seconds.
    public let fitSeconds: Double
    public let encodeSamplesPerSecond: Double

    /// Fits PCA with `codeSize` components on the train split and measures it on the test split.
    public static func pca(codeSize: Int, train: ImageDataset, test: ImageDataset) throws -> CodeComparison {
        let start = Date()
        let pca = try PCA.fit(train.images, components: codeSize)
        return try .pca(pca, fitSeconds: Date().timeIntervalSince(start), train: train, test: test)
    }

    /// Measures PCA fitted on the train split (in `fitSeconds`) on the test split, for a caller that uses the fit again.
    public static func pca(
        _ pca: PCA, fitSeconds: Double, train: ImageDataset,
        test: ImageDataset
    ) throws -> CodeComparison {
        let encodeStart = Date()
        let testCodes = try pca.transform(test.images)
        let encodeSeconds = Date().timeIntervalSince(encodeStart)
        return CodeComparison(
            method: "PCA", codeSize: pca.componentCount, testMSE: try pca.reconstructionError(test.images),
            figures: try RetrievalFigures(
                database: try pca.transform(train.images), databaseLabels: train.labels,
                queries: testCodes, queryLabels: test.labels),
            fitSeconds: fitSeconds, encodeSamplesPerSecond: Double(test.count) / max(encodeSeconds, 1e-9))
    }

    /// Measures a trained autoencoder on the test split (its codes of the train split are the database), encoding both
    /// splits unless `codes` holds them already.
    public static func autoencoder(
        _ autoencoder: Autoencoder, name: String, codes: Codes? = nil,
        trainingSeconds: Double, train: ImageDataset,
        test: ImageDataset
    ) throws -> CodeComparison {
        let codes = codes ?? Codes(autoencoder, train: train, test: test)
        return CodeComparison(
            method: name, codeSize: codes.test.shape[1], testMSE: autoencoder.reconstructionError(test.images),
            figures: try RetrievalFigures(
                database: codes.train, databaseLabels: train.labels,
                queries: codes.test, queryLabels: test.labels),
            fitSeconds: trainingSeconds, encodeSamplesPerSecond: Double(test.count) / max(codes.testSeconds, 1e-9))
    }

    /// A Markdown table of the rows, with the method's column first.
    public static func table(_ rows: [CodeComparison]) -> String {
        var lines = [
            "| method | code | test MSE | precision@10 | mAP@100 | 1-NN accuracy | fit/train s | encode samples/s |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
        for row in rows {
            lines.append(
                "| \(row.method) | \(row.codeSize) | "
                    + String(
                        format: "%.5f | %.3f | %.3f | %.3f | %.2f | %.0f |",
                        row.testMSE, row.figures.precisionAt10, row.figures.meanAveragePrecisionAt100,
                        row.figures.oneNearestNeighbourAccuracy, row.fitSeconds, row.encodeSamplesPerSecond))
        }
        return lines.joined(separator: "\n")
    }
}
