import Foundation

/// The figures, table, commands and reading of a near-duplicate search.
struct NearDuplicateReport {
    let settings: NearDuplicateStudy.Settings
    let photos: NearDuplicatePhotos
    let results: [NearDuplicateResult]

    /// The four measured fractions of a method: its original first and in the top 5, for plain and mirrored copies.
    private func scores(_ result: NearDuplicateResult) -> [(name: String, value: Double)] {
        let copies = photos.copies
        return [
            ("top1_plain", result.found(within: 1, copies: copies) { !$0.mirrored }),
            ("top5_plain", result.found(within: 5, copies: copies) { !$0.mirrored }),
            ("top1_mirrored", result.found(within: 1, copies: copies) { $0.mirrored }),
            ("top5_mirrored", result.found(within: 5, copies: copies) { $0.mirrored }),
        ]
    }

    private func percent(_ value: Double) -> String { value.isNaN ? "-" : "\(figure(100 * value, 0)) %" }

    func report() -> ExperimentReport {
        var report = ExperimentReport()
        let database = photos.database
        let mirrored = photos.copies.count { $0.mirrored }
        report.figures = [
            ("originals", Double(database.paths.count)), ("plain_copies", Double(photos.copies.count - mirrored)),
            ("mirrored_copies", Double(mirrored)), ("import_seconds", photos.importSeconds),
        ]
        for (method, result) in zip(settings.methods, results) {
            for score in scores(result) { report.figures.append(("\(method.written.key)_\(score.name)", score.value)) }
            report.figures.append(("\(method.written.key)_build_seconds", result.buildSeconds))
            report.figures.append(("\(method.written.key)_query_ms_p50", result.queryMilliseconds))
        }

        let sources = sourceTable()
        let shape = "\(database.height)x\(database.width) \(settings.preprocessing.colour.rawValue)"
        report.sections.append(
            .init(
                title: "The photos",
                body: """
                    \(database.paths.count) photographs in `\(settings.originals)`, imported as `latent data import` \
                    does (\(shape), the centre square; \(figure(photos.importSeconds, 1)) s, no file skipped), are the \
                    database. \(photos.copies.count - mirrored) plain and \(mirrored) mirrored copies in \
                    `\(settings.copies)` are the queries; a copy's name says which photo it was made from.

                    \(sources)

                    `scripts/near-duplicate-photos.sh` made them: it downloads the Debian packages above, keeps the \
                    files that look like photographs (sensor noise, rough grey levels and thousands of colours, or a \
                    camera in the EXIF; SVGs, drawings, smooth renders and line art left out by that heuristic, which \
                    lets a few detailed renders through), drops identical files and the same picture at another size \
                    or mirrored, and with Pillow (an editor independent of Latent), seeded per file, crops each photo \
                    to 80-90 % of its sides at a random place, resizes it to 50-100 %, changes its brightness by up \
                    to 10 % either way and saves it as JPEG at quality 50; the mirrored copy is the same copy flipped \
                    left to right. The table is its `collection.tsv`: the image files each package holds, those kept, \
                    and why the others were left out.
                    """))

        var table = [
            "| method | original first | in the top 5 | mirrored: first | mirrored: top 5 | index build s | ms per copy (median) |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
        for (method, result) in zip(settings.methods, results) {
            let cells = scores(result).map { percent($0.value) }
            table.append(
                "| \(method.written.name) | \(cells.joined(separator: " | ")) | \(figure(result.buildSeconds, 2)) | "
                    + "\(figure(result.queryMilliseconds, 2)) |")
        }
        report.sections.append(
            .init(
                title: "Which photo is this a copy of? (cosine, \(photos.copies.count) copies)",
                body: """
                    \(table.joined(separator: "\n"))

                    A copy counts as found first when its original is its nearest photo, and in the top 5 when the \
                    original is among its five nearest. A copy's time runs from the file's bytes to the ranked list: \
                    decoding, preprocessing, encoding and searching all \(database.paths.count) codes, as \
                    `latent search` does, one copy at a time. One copy of \(photos.copies.count / 2) is \
                    \(figure(100.0 / Double(max(1, photos.copies.count / 2)), 1)) points.
                    """))

        let methodLines = settings.methods.enumerated().map { position, method in
            let options = method.resolved.indexOptions
            return "$B index build --data photos.h5 \(options.isEmpty ? "" : options + " ")--metric cosine "
                + "--out photos-\(position).index.h5    # \(method.written.name)"
        }
        report.sections.append(
            .init(
                title: "The same by hand",
                body: """
                    ```sh
                    scripts/near-duplicate-photos.sh            # the photos and their copies, under data/near-duplicate
                    B=.build/release/latent
                    $B data import \(settings.originals) --size \(database.height) --colour \
                    \(settings.preprocessing.colour.rawValue) --out photos.h5
                    \(methodLines.joined(separator: "\n"))
                    $B search --index photos-0.index.h5 --image \(settings.copies)/NAME--plain.jpg --k 5
                    ```
                    """))
        report.reading = reading()
        return report
    }

    /// The photographs per package: the collection script's whole table when it is beside the originals, else the
    /// count of originals named after each package.
    private func sourceTable() -> String {
        let collection = photos.collectionTable
        guard let header = collection.first, header.count > 1 else {
            return
                (["| package | photographs |", "| --- | ---: |"]
                + photos.originalsPerSource.map { "| \($0.source) | \($0.count) |" }).joined(separator: "\n")
        }
        let lines = collection.map { "| " + $0.joined(separator: " | ") + " |" }
        let rule = "| --- |" + String(repeating: " ---: |", count: header.count - 1)
        return ([lines[0], rule] + lines.dropFirst()).joined(separator: "\n")
    }

    /// Which method finds the originals best, plain and mirrored, and how fast.
    private func reading() -> [String] {
        let names = settings.methods.map(\.written.name)
        let all = results.map { result in scores(result).map(\.value) }
        func best(_ column: Int) -> Int { all.indices.max { all[$0][column] < all[$1][column] } ?? 0 }
        let (plain, mirrored) = (best(0), best(2))
        var lines = [
            "\(names[plain]) finds the most originals first for plain copies: \(percent(all[plain][0])) "
                + "(\(percent(all[plain][1])) in the top 5)."
                + (names.count > 1
                    ? " Next: "
                        + all.indices.filter { $0 != plain }.sorted { all[$0][0] > all[$1][0] }.prefix(2)
                        .map { "\(names[$0]) \(percent(all[$0][0]))" }.joined(separator: ", ") + "."
                    : ""),
            "For mirrored copies \(names[mirrored]) does best: \(percent(all[mirrored][2])) first, "
                + "\(percent(all[mirrored][3])) in the top 5; "
                + (all[mirrored][2] < all[mirrored][0] - 0.1
                    ? "a mirror loses most of what the methods find, since each code is a layout of the picture."
                    : "mirroring costs it little."),
        ]
        for (position, method) in settings.methods.enumerated() {
            guard case .mirrorInvariant(let plain) = method.written,
                let plainPosition = settings.methods.firstIndex(where: { $0.written == plain })
            else { continue }
            let (before, after) = (all[plainPosition], all[position])
            lines.append(
                "\(names[position]) against \(names[plainPosition]): mirrored copies found first \(percent(before[2])) -> "
                    + "\(percent(after[2])), plain copies \(percent(before[0])) -> \(percent(after[0])).")
        }
        let times = results.map(\.queryMilliseconds)
        if let fastest = times.indices.min(by: { times[$0] < times[$1] }),
            let slowest = times.indices.max(by: { times[$0] < times[$1] })
        {
            lines.append(
                "A copy takes \(figure(times[fastest], 2)) ms (\(names[fastest])) to \(figure(times[slowest], 2)) ms "
                    + "(\(names[slowest])) from its file to the ranked originals.")
        }
        return lines
    }
}
