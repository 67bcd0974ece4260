import LatentCore
import LatentData
import LatentNN

/// Predictions and accuracy of a classifier over a dataset, in evaluation mode without gradients.
public enum Classification {
    /// The most likely class and its softmax probability for each image.
    public static func predict(_ model: any Layer, images: Tensor, batchSize: Int = 512) -> [(label: Int, probability: Float)] {
        let probabilities = model.stackedBatches(of: images, batchSize: batchSize) { model($0).softmax() }
        let classes = probabilities.shape[1]
        return probabilities.withUnsafeBufferPointer { p in
            (0..<probabilities.shape[0]).map { row in
                let first = row * classes
                var best = 0
                for k in 1..<classes where p[first + k] > p[first + best] { best = k }
                return (best, p[first + best])
            }
        }
    }

    /// The fraction of images whose predicted class is their label.
    public static func accuracy(_ model: any Layer, on dataset: ImageDataset) -> Double {
        let predicted = predict(model, images: dataset.images)
        return Double(zip(predicted, dataset.labels).filter { $0.0.label == $0.1 }.count) / Double(max(dataset.count, 1))
    }
}
