import ArgumentParser
import Foundation
import LatentCore
import LatentData
import LatentImages

/// `latent data import DIR --size 64 --colour rgb --out photos.h5`: a folder of pictures as a dataset.
struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import a folder of JPEG, PNG, GIF, BMP, TIFF or WebP images (labels from sub-folders) into HDF5.",
        discussion: """
            Each image is turned upright (EXIF orientation), made square (--fit crop keeps the centre, pad adds \
            black bands), converted to --colour and resized to --size with an area filter. Files that cannot be \
            read are listed and skipped. The file holds /images (uint8 N x C x H x W), /labels (-1 for files \
            directly in the folder), /class_names, /paths and the preprocessing, so queries are processed the same way.
            """)

    @Argument(help: "The folder of images; each sub-folder's name is the label of the images under it.")
    var folder: String

    @Option(
        parsing: .unconditional,
        help:
            "Side of the square images, in pixels (\(Preprocessing.sizes.lowerBound)-\(Preprocessing.sizes.upperBound))."
    )
    var size = 64

    @Option(help: "The colour of the stored images: three channels, or one of luma.")
    var colour: Preprocessing.Colour = .rgb

    @Option(help: "How a picture that is not square becomes square: keep the centre, or pad with black.")
    var fit: Preprocessing.Fit = .crop

    @Option(
        parsing: .unconditional,
        help: "Refuse images whose header declares more than this many megapixels (decompression bombs).")
    var maxMegapixels = 50

    @Option(help: "The HDF5 file to write.")
    var out: String

    @Flag(help: OutputRule.forceHelp)
    var force = false

    func validate() throws {
        try OptionChecks.require(size, in: Preprocessing.sizes, "--size")
        try OptionChecks.require(maxMegapixels, in: 1...10_000, "--max-megapixels")
        var isFolder: ObjCBool = false
        guard !folder.isEmpty, FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) else {
            throw ValidationError("\(folder): no such directory to import")
        }
        guard isFolder.boolValue else {
            throw ValidationError("\(folder) is a file; give the folder that holds the images")
        }
        try OptionChecks.requireWritableFile(out, "--out")
        try OutputRule(inputs: [], force: force).check(out, "--out", writes: .dataset)
    }

    func run() throws {
        let preprocessing = Preprocessing(size: size, colour: colour, fit: fit)
        let limits = DecodeLimits(maxPixels: maxMegapixels * 1_000_000, maxBytes: DecodeLimits.standard.maxBytes)
        var bar = ProgressLine(label: "importing \(folder)")
        try createParentFolder(of: out)
        let summary = try ImageFolderImport(folder: folder, preprocessing: preprocessing, limits: limits)
            .run(writingTo: out, progress: { bar.show($0, of: $1) }, skipped: { bar.interrupt("skipped \($0)") })
        bar.finish()
        let names = summary.classNames
        let classes =
            names.isEmpty
            ? "no labels"
            : "\(names.count) class\(names.count == 1 ? "" : "es"): \(names.joined(separator: ", "))"
        let unlabelled =
            summary.unlabelled > 0 && !summary.classNames.isEmpty ? "; \(summary.unlabelled) without a label" : ""
        print(
            "imported \(summary.imported) images (\(classes)\(unlabelled)) from \(folder) into \(out) as \(preprocessing); "
                + "skipped \(summary.skipped.count) file\(summary.skipped.count == 1 ? "" : "s")")
    }
}

extension Preprocessing.Colour: ExpressibleByArgument {}
extension Preprocessing.Fit: ExpressibleByArgument {}

/// A progress bar redrawn in place on standard error when it is a terminal, and silent otherwise
/// (a log file gets the skipped files and the summary, not hundreds of redraws).
private struct ProgressLine {
    let label: String
    private let onTerminal = isatty(STDERR_FILENO) == 1
    private var drawn = false

    init(label: String) { self.label = label }

    mutating func show(_ done: Int, of total: Int) {
        guard onTerminal, total > 0 else { return }
        let width = 30
        let filled = done * width / total
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        Console.write("\r\(label) [\(bar)] \(done)/\(total)", to: .error)
        drawn = true
    }

    /// Prints a line of its own, clearing the bar first.
    mutating func interrupt(_ message: String) {
        clear()
        log(message)
    }

    mutating func finish() { clear() }

    private mutating func clear() {
        guard drawn else { return }
        Console.write("\r\u{1B}[K", to: .error)
        drawn = false
    }
}
