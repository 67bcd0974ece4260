import LatentCore
import LatentData
import LatentNN

/// Predictions and accuracy of a classifier over a dataset, in evaluation mode without gradients.
public enum Classification {
    /// The most likely class and its softmax probability for each image.
    public static func predict(_ model: any Layer, images: Tensor, batchSize: Int = 512) -> [(label: Int, probability: Float)] {
        model.setTraining(false)
        return GradientMode.withoutGradients {
            var predictions: [(label: Int, probability: Float)] = []
            predictions.reserveCapacity(images.shape[0])
            var start = 0
            while start < images.shape[0] {
                let end = min(start + batchSize, images.shape[0])
                let probabilities = model(images.rows(start..<end)).softmax()
                let classes = probabilities.shape[1]
                for row in 0..<(end - start) {
                    let p = probabilities.pointer + row * classes
                    var best = 0
                    for k in 1..<classes where p[k] > p[best] { best = k }
                    predictions.append((best, p[best]))
                }
                start = end
            }
            return predictions
        }
    }

    /// The fraction of images whose predicted class is their label.
    public static func accuracy(_ model: any Layer, on dataset: ImageDataset) -> Double {
        let predicted = predict(model, images: dataset.images)
        return Double(zip(predicted, dataset.labels).filter { $0.0.label == $0.1 }.count) / Double(max(dataset.count, 1))
    }
}
