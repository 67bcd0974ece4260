/// The folder holding `path`: "." for a bare name, "/" at the root.
///
/// Foundation's `deletingLastPathComponent` traps on one-character names on Linux (`latent run e`).
func folder(of path: String) -> String {
    let trimmed = path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
    guard let slash = trimmed.lastIndex(of: "/") else { return "." }
    return slash == trimmed.startIndex ? "/" : String(trimmed[..<slash])
}
