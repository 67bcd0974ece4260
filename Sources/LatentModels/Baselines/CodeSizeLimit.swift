import LatentCore
import LatentData

/// The one rule on a code size (or a number of PCA components) against the data: at most the pixels of an image, and
/// no more than the train images PCA is fitted on (two at least). Every front end asks it here, before any work.
public enum CodeSizeLimit {
    /// Refuses `code` for `train` (of `source`, "fashion-mnist in data/"), naming the setting as `subject` says it:
    /// `--code 785` or `model.code: 785`.
    public static func check(_ code: Int, as subject: String, train: ImageDataset, source: String) throws(LatentError) {
        let pixels = train.pixelsPerImage
        guard code <= pixels else {
            throw LatentError(
                "\(subject) is more than the \(pixels) pixels of each \(train.height)x\(train.width) "
                    + "image of \(source)")
        }
        guard train.count >= max(code, 2) else {
            throw LatentError(
                "\(subject) needs at least \(max(code, 2)) train images for PCA-\(code); the train split "
                    + "of \(source) holds \(train.count)")
        }
    }
}
