import Foundation
import LatentCore

/// Where a run writes: `RUNS/NAME/` (results, pictures, checkpoints), `NOTEBOOKS/NAME.md` and its pictures
/// in `NOTEBOOKS/NAME/`. Made only by `create()`, after everything has been checked.
struct ExperimentOutputs {
    let runFolder: String
    let notebooksFolder: String
    let notebookPath: String
    let pictureFolder: String

    /// Checks, writing nothing, that the folders exist or can be made and that no output would replace a folder.
    init(runsFolder: String, notebooksFolder: String, name: String) throws {
        runFolder = (runsFolder as NSString).appendingPathComponent(name)
        self.notebooksFolder = notebooksFolder
        notebookPath = (notebooksFolder as NSString).appendingPathComponent("\(name).md")
        pictureFolder = (notebooksFolder as NSString).appendingPathComponent(name)
        try Self.checkFolder(runsFolder, role: "runs folder")
        try Self.checkFolder(notebooksFolder, role: "notebooks folder")
        try Self.checkFolder(runFolder, role: "run folder")
        try Self.checkFolder(pictureFolder, role: "notebook picture folder")
        if Self.kind(of: notebookPath) == S_IFDIR {
            throw LatentError("notebook \(notebookPath): is a directory; it is not replaced")
        }
    }

    /// Makes the run folder and the notebooks folder.
    func create() throws {
        try Self.makeFolder(runFolder, role: "run folder")
        try Self.makeFolder(notebooksFolder, role: "notebooks folder")
    }

    /// Copies pictures from the run folder beside the notebook, replacing earlier copies (never a folder:
    /// `AtomicFile` refuses one).
    func publish(_ files: [String]) throws {
        guard !files.isEmpty else { return }
        try Self.makeFolder(pictureFolder, role: "notebook picture folder")
        for file in files {
            let source = (runFolder as NSString).appendingPathComponent(file)
            let destination = (pictureFolder as NSString).appendingPathComponent(file)
            // With the same folder for runs and notebooks, the picture is already in place.
            let (sourceURL, destinationURL) = (URL(fileURLWithPath: source), URL(fileURLWithPath: destination))
            guard sourceURL.standardizedFileURL != destinationURL.standardizedFileURL else { continue }
            let picture: Data
            do {
                picture = try Data(contentsOf: sourceURL)
            } catch {
                throw LatentError("\(source): cannot read the picture to copy: \(Self.reason(error))")
            }
            try AtomicFile.write(picture, to: destination)
        }
    }

    /// A folder that exists must be a writable folder; one that does not must have a writable folder as its nearest ancestor.
    private static func checkFolder(_ path: String, role: String) throws {
        guard !path.isEmpty else { throw LatentError("\(role): the path is empty") }
        var existing = path
        // Up to the nearest ancestor that exists: "." or "/" at worst.
        while kind(of: existing) == nil, AtomicFile.folder(of: existing) != existing {
            existing = AtomicFile.folder(of: existing)
        }
        guard kind(of: existing) == S_IFDIR else {
            throw LatentError(
                existing == path
                    ? "\(role) \(path): is a file, not a folder"
                    : "\(role) \(path): cannot be made, \(existing) is a file, not a folder")
        }
        guard access(existing, W_OK | X_OK) == 0 else {
            throw LatentError(
                existing == path
                    ? "\(role) \(path): not writable (\(String(cString: strerror(errno))))"
                    : "\(role) \(path): cannot be made in \(existing) (\(String(cString: strerror(errno))))")
        }
    }

    /// mkdir -p, with the system's reason when it fails.
    private static func makeFolder(_ path: String, role: String) throws {
        var prefix = path.hasPrefix("/") ? "/" : ""
        for component in path.split(separator: "/") {
            prefix = (prefix as NSString).appendingPathComponent(String(component))
            guard mkdir(prefix, 0o777) != 0 else { continue }
            let error = errno
            guard error == EEXIST, kind(of: prefix) == S_IFDIR else {
                throw LatentError(
                    "\(role) \(path): cannot make \(prefix): "
                        + (error == EEXIST ? "a file is in the way" : String(cString: strerror(error))))
            }
        }
    }

    /// S_IFDIR, S_IFREG, ... for what is at `path` (following links), or nil when nothing is.
    private static func kind(of path: String) -> mode_t? {
        var status = stat()
        return stat(path, &status) == 0 ? status.st_mode & S_IFMT : nil
    }

    /// The system's reason behind a Foundation file error, without Foundation's domain and code dump.
    private static func reason(_ error: Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain
        {
            return String(cString: strerror(Int32(underlying.code)))
        }
        return nsError.localizedDescription
    }
}
