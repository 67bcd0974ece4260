import LatentCore
import LatentData
import LatentModels

/// Refuses, before anything is trained, an architecture that cannot take the images, in the architecture's own words.
func checkImageSize(_ architecture: AutoencoderArchitecture, of images: ImageDataset) throws {
    do {
        _ = try architecture.spec(codeSize: 1, channels: images.channels, height: images.height, width: images.width)
    } catch {
        throw LatentError("\(error); the images are \(images.shapeDescription)")
    }
}
