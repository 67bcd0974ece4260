import Foundation
import LatentCore

/// Creates the folder a file option points into (`--out runs/x/codes.h5` makes `runs/x`), as training's `--out` does.
func createParentFolder(of path: String) throws {
    try FileManager.default.createDirectory(atPath: AtomicFile.folder(of: path), withIntermediateDirectories: true)
}
