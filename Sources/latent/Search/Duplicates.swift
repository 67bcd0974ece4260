import ArgumentParser
import Foundation
import LatentCore
import LatentImages
import LatentRetrieval
import LatentSearch

/// `latent duplicates`: the groups of near-duplicate photos in a folder or an index, printed, as a CSV table and as a
/// picture.
struct Duplicates: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Find groups of near-duplicate photos in a folder or an index.",
        discussion: "A folder's photos are read as `data import --size 64 --colour rgb` reads them and coded as "
            + "`index build --colour-edges` codes them, a batch at a time; an index (from `latent index build`) is "
            + "searched by its own codes and metric, through its HNSW graph when it has one. Each photo is joined "
            + "with those of its \(ImageIndex.duplicateCandidates) nearest neighbours within --threshold, and "
            + "joined photos form a group; identical files always share one.")

    /// The threshold that best separated edited copies (crop, resize, JPEG, brightness, mirror) from distinct
    /// photos among 299 Debian photos and their copies, by colour-and-edge codes and cosine distance (README).
    static let defaultThreshold: Float = 0.03

    @Argument(help: "A folder of photos (JPEG, PNG, GIF, BMP, TIFF or WebP), or an index file.")
    var path: String

    @Option(
        help: "The largest distance at which two photos count as duplicates (cosine for a folder; the index's metric).")
    var threshold: Float = Duplicates.defaultThreshold

    @Option(help: "Write the groups as CSV here: group, path, distance to the group's first photo.")
    var table: String?

    @Option(
        help: ArgumentHelp(
            "Draw the groups as a PNG here: one row each, the \(DuplicatePicture.largestGroupCount) largest, "
                + "\(DuplicatePicture.largestMemberCount) photos a row at most."))
    var picture: String?

    @Flag(help: OutputRule.forceHelp)
    var force = false

    @OptionGroup var graph: GraphSearchOptions

    /// Whether `path` is a folder of photos rather than an index file.
    private var isFolder: Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    func validate() throws {
        guard !path.isEmpty else { throw ValidationError("give a folder of photos or an index file") }
        guard FileManager.default.fileExists(atPath: path) else {
            throw ValidationError("\(path): no such folder or file")
        }
        // An HDF5 file whose kind cannot be read may be a damaged index: loading it names what is wrong.
        if !isFolder, let kind = FileKind(ofFileAt: path), kind != .index, kind != .otherHDF5 {
            throw ValidationError(
                "\(path) is \(kind), not a folder of photos nor an image index (from `latent index build`)")
        }
        guard threshold.isFinite, threshold >= 0 else {
            throw ValidationError("--threshold must be a finite number, zero or more; got \(threshold)")
        }
        if let table { try OptionChecks.requireWritableFile(table, "--table") }
        if let picture { try OptionChecks.requireWritableFile(picture, "--picture") }
        let rule = OutputRule(inputs: [("PATH", isFolder ? nil : path)], force: force)
        if let table { try rule.check(table, "--table", writes: .other, named: "a table") }
        if let picture { try rule.check(picture, "--picture", writes: .picture) }
    }

    func run() throws {
        let index = try loadIndex()
        try graph.check(index, at: path)
        let groups = try index.duplicateGroups(threshold: threshold, ef: graph.ef)
        let members = groups.map(\.rows.count).reduce(0, +)
        print(
            "\(groups.count) group\(groups.count == 1 ? "" : "s") of duplicates, \(members) of \(index.count) images "
                + "in \(path) (\(index.codeSpace.name), \(index.metric.rawValue) distance at most \(threshold)"
                + "\(index.graph != nil ? ", hnsw graph" : ""))")
        let table = DuplicateTable(groups: groups, paths: index.paths)
        print(table)
        if let path = self.table {
            try createParentFolder(of: path)
            try AtomicFile.write(table.csv, to: path)
            print("wrote \(path)")
        }
        if let path = picture {
            // An empty picture would say nothing the line above does not.
            guard !groups.isEmpty else { return print("no groups, so no picture written to \(path)") }
            try createParentFolder(of: path)
            try DuplicatePicture.render(groups, index: index).savePNG(to: path)
            print("wrote \(path)")
        }
    }

    /// The index file at `path`, or an index of the folder's photos made in memory by colour-and-edge codes.
    private func loadIndex() throws -> ImageIndex {
        guard isFolder else { return try ImageIndex.load(from: path) }
        return try PhotoFolderIndex.build(
            folder: path, preprocessing: Preprocessing(size: 64, colour: .rgb),
            codes: .colourAndEdges(bins: ColourHistogram.defaultBins), metric: .cosine,
            skipped: { Console.write("skipped \($0)\n", to: .error) })
    }
}
