import Foundation
import LatentPictures

/// Writes a dataset's images out as PNG files in one sub-folder per class, the way a shop's product photos
/// arrive: the inverse of `ImageFolderImport`, which reads such a folder back bit for bit.
///
/// The files go to a hidden sibling folder that is renamed into place once every file is written, so an export
/// that fails (a full disk, an interrupt) leaves no half-filled folder behind, and nothing that was there is replaced.
public struct ImageFolderExport {
    public let dataset: ImageDataset
    /// The rows written: the first `perClass` of each class in the dataset's order, or every row.
    public let rows: [Int]
    /// Starts each file name: `PREFIX-ROW.png`, ROW the image's row in `dataset`.
    public let prefix: String

    /// What an export wrote.
    public struct Summary: Sendable {
        public let written: Int
        /// Files per class folder, in the dataset's class order; unlabelled images are not counted here.
        public let perClass: [Int]
    }

    /// - Parameters:
    ///   - dataset: the images and labels to write.
    ///   - perClass: how many images of each class (`nil`: all); a class with fewer gives all it has.
    ///   - prefix: starts each file name (`PREFIX-ROW.png`).
    public init(_ dataset: ImageDataset, perClass: Int? = nil, prefix: String) {
        self.dataset = dataset
        self.prefix = prefix
        guard let perClass else {
            rows = Array(0..<dataset.count)
            return
        }
        var taken: [Int: Int] = [:]
        rows = dataset.labels.indices.filter { row in
            let label = dataset.labels[row]
            guard taken[label, default: 0] < perClass else { return false }
            taken[label, default: 0] += 1
            return true
        }
    }

    /// The folder a class's images go to: its name, with "/" (which "T-shirt/top" holds) as "-".
    public static func folderName(of className: String) -> String { className.replacingOccurrences(of: "/", with: "-") }

    /// The path, below the export folder, of the file for `row`.
    public func relativePath(of row: Int) -> String {
        let digits = max(5, String(max(dataset.count - 1, 0)).count)
        let file = "\(prefix)-" + String(repeating: "0", count: max(0, digits - String(row).count)) + "\(row).png"
        let label = dataset.labels[row]
        guard dataset.classNames.indices.contains(label) else { return file }
        return Self.folderName(of: dataset.classNames[label]) + "/" + file
    }

    /// Writes every chosen image under `folder`, which must not exist yet or be an empty folder; its parent
    /// folders are made when missing.
    @discardableResult
    public func run(into folder: String) throws -> Summary {
        var destination = folder
        while destination.count > 1, destination.hasSuffix("/") { destination.removeLast() }
        try Self.checkDestination(destination)
        let parent = (destination as NSString).deletingLastPathComponent
        let staging =
            (parent.isEmpty ? "" : parent + "/") + ".\((destination as NSString).lastPathComponent).tmp-\(getpid())"
        if !parent.isEmpty, !FileManager.default.fileExists(atPath: parent) {
            do {
                try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
            } catch {
                throw DataError.unwritable(path: destination, reason: "cannot make its parent folder \(parent)")
            }
        }
        guard mkdir(staging, 0o777) == 0 else {
            throw DataError.unwritable(
                path: destination, reason: "cannot make \(staging): \(RegularFile.errorWords(errno))")
        }
        do {
            let perClass = try write(into: staging, naming: destination)
            if rename(staging, destination) != 0 {
                throw DataError.unwritable(
                    path: destination,
                    reason: "cannot move the finished export into place: "
                        + String(cString: strerror(errno)))
            }
            return Summary(written: rows.count, perClass: perClass)
        } catch {
            try? FileManager.default.removeItem(atPath: staging)  // made above, by this export
            throw error
        }
    }

    private func write(into staging: String, naming destination: String) throws -> [Int] {
        var perClass = [Int](repeating: 0, count: dataset.classNames.count)
        var folders = Set<String>()
        let size = dataset.pixelsPerImage
        for row in rows {
            let relative = relativePath(of: row)
            let subfolder = (relative as NSString).deletingLastPathComponent
            if !subfolder.isEmpty, folders.insert(subfolder).inserted, mkdir(staging + "/" + subfolder, 0o777) != 0 {
                throw DataError.unwritable(path: destination + "/" + subfolder, reason: RegularFile.errorWords(errno))
            }
            let values = dataset.images.withUnsafeBufferPointer { Array($0[(row * size)..<((row + 1) * size)]) }
            guard
                let png = ImagePNG.encode(
                    values, channels: dataset.channels, height: dataset.height, width: dataset.width)
            else {
                throw DataError.unwritable(
                    path: destination + "/" + relative, reason: "cannot compress the image (out of memory)")
            }
            try Self.write(png, to: staging + "/" + relative, naming: destination + "/" + relative)
            if dataset.classNames.indices.contains(dataset.labels[row]) { perClass[dataset.labels[row]] += 1 }
        }
        return perClass
    }

    /// Refuses a destination that holds anything, or is not a folder: an export never mixes with other files.
    public static func checkDestination(_ path: String) throws {
        var status = stat()
        guard stat(path, &status) == 0 else { return }
        guard status.st_mode & S_IFMT == S_IFDIR else {
            throw DataError.invalidArgument("\(path) is a file, not a folder; give a new folder to export into")
        }
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        guard entries.isEmpty else {
            throw DataError.invalidArgument(
                "\(path) already holds \(entries.count) entr\(entries.count == 1 ? "y" : "ies"); "
                    + "give a new or empty folder (nothing in it is replaced)")
        }
    }

    /// Writes a new file (never an existing one) in full, naming `name` in messages.
    private static func write(_ bytes: Data, to path: String, naming name: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o666)
        guard descriptor >= 0 else { throw DataError.unwritable(path: name, reason: RegularFile.errorWords(errno)) }
        defer { close(descriptor) }
        try bytes.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            var offset = 0
            while offset < buffer.count {
                let done = Foundation.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if done < 0, errno == EINTR { continue }
                guard done > 0 else { throw DataError.unwritable(path: name, reason: RegularFile.errorWords(errno)) }
                offset += done
            }
        }
    }
}
