import ArgumentParser
import Foundation

/// The one rule for every file a command writes: it never replaces a file the same command reads, nor a file of
/// another kind (a checkpoint, an index, a dataset, an image), nor a folder holding another run, unless `--force`
/// says so. Commands state what they read and write; the rule and its messages live here only.
struct OutputRule {
    /// The files the command reads, with the option that names each.
    let inputs: [(option: String, path: String)]
    /// `--force`: replace anyway.
    let force: Bool

    /// A rule for a command that reads `inputs`, each named by its option; an option not given (`nil`) reads none.
    init(inputs: [(option: String, path: String?)], force: Bool) {
        self.inputs = inputs.compactMap { option, path in path.map { (option, $0) } }
        self.force = force
    }

    /// The help of every command's `--force`.
    static let forceHelp: ArgumentHelp = "Replace an output file even when it is an input or a file of another kind."

    /// Refuses, unless `force`, to write `kind` at `path` (given as `option`) over an input or a file of another
    /// kind. A table or Markdown file (`.other`, `named` for the message) may replace any file that is neither
    /// Latent's nor an image.
    func check(_ path: String, _ option: String, writes kind: FileKind, named: String? = nil) throws {
        var status = stat()
        if lstat(path, &status) == 0, status.st_mode & S_IFMT != S_IFREG, status.st_mode & S_IFMT != S_IFLNK {
            // A FIFO or device: no write replaces it (see `AtomicFile`), so even --force cannot.
            throw ValidationError("\(option) \(path) exists and is not a regular file; give the name of a file")
        }
        guard !force, let existing = FileKind(ofFileAt: path) else { return }
        if let input = inputs.first(where: { Self.sameFile(path, $0.path) }) {
            throw ValidationError(
                "\(option) \(path) is the \(input.option) file \(input.path): writing it would replace what this "
                    + "command reads; give another name, or add --force")
        }
        guard existing == kind else {
            throw ValidationError(
                "\(option) \(path) exists and is \(existing); this command writes \(named ?? kind.description) "
                    + "and would replace it. Give another name, or add --force to replace it")
        }
    }

    /// Refuses, unless `force` or `resume`, a training `--out` folder that already holds a run's checkpoint.
    func checkRunFolder(_ folder: String, checkpoint: String, resume: Bool) throws {
        guard !force, !resume, let existing = FileKind(ofFileAt: checkpoint) else { return }
        throw ValidationError(
            "--out \(folder) already holds another run: \(checkpoint) is \(existing). Continue it with --resume, "
                + "give another --out, or add --force to replace it")
    }

    /// Whether two names reach one file (the same device and inode), however each is spelt.
    private static func sameFile(_ first: String, _ second: String) -> Bool {
        var one = stat()
        var other = stat()
        guard stat(first, &one) == 0, stat(second, &other) == 0 else { return false }
        return one.st_dev == other.st_dev && one.st_ino == other.st_ino
    }
}
