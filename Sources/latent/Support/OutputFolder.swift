import Foundation

/// The folder part of a path: `runs/x` for `runs/x/codes.h5`, empty for `codes.h5`, `/` for `/codes.h5`.
///
/// Written out because swift-corelibs-foundation's `NSString.deletingLastPathComponent` traps on a bare name.
func parentFolder(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "" }
    let folder = path[..<slash]
    return folder.isEmpty ? "/" : String(folder)
}

/// Creates the folder a file option points into (`--out runs/x/codes.h5` makes `runs/x`), as training's `--out` does.
func createParentFolder(of path: String) throws {
    let folder = parentFolder(of: path)
    guard !folder.isEmpty else { return }
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
}
