import LatentData
import LatentModels

/// Refuses, before anything is trained, an architecture that cannot take the images.
func checkImageSize(_ architecture: AutoencoderArchitecture, of images: ImageDataset) throws {
    if let problem = architecture.imageSizeProblem(height: images.height, width: images.width) {
        throw ExperimentError("\(problem); the images are \(images.height)x\(images.width)")
    }
}

extension AutoencoderArchitecture {
    /// Why this architecture cannot take images of `height` x `width`, or `nil` when it can: a convolutional one halves
    /// the image twice and doubles it back; the others take any size.
    func imageSizeProblem(height: Int, width: Int) -> String? {
        guard self == .conv, height % 4 != 0 || width % 4 != 0 else { return nil }
        return "conv halves the image twice, so it needs a height and width divisible by 4"
    }
}
