import Foundation

/// The figures, table, commands and reading of a visual search study.
struct VisualSearchReport {
    let settings: VisualSearchStudy.Settings
    let photos: ProductPhotos
    let methods: [VisualSearchStudy.Method]
    /// The seeds the autoencoder and the CNN were trained with, one training each.
    let seeds: [UInt64]

    private func spread(
        _ method: VisualSearchStudy.Method, _ value: KeyPath<SearchMethodResult, Double>
    ) -> (mean: Double, std: Double) {
        let spread = Spread(values: method.results.map { $0[keyPath: value] })
        return (spread.mean, spread.standardDeviation)
    }

    /// "0.812" or "0.812 ± 0.004" when the method was trained more than once.
    private func cell(
        _ method: VisualSearchStudy.Method, _ value: KeyPath<SearchMethodResult, Double>, _ digits: Int = 3
    ) -> String {
        let (mean, std) = spread(method, value)
        return method.results.count > 1 ? "\(figure(mean, digits)) ± \(figure(std, digits))" : figure(mean, digits)
    }

    func report() -> ExperimentReport {
        var report = ExperimentReport()
        let database = photos.database
        report.figures = [
            ("database_images", Double(database.paths.count)), ("query_files", Double(photos.queries.count)),
            ("import_seconds", photos.importSeconds),
        ]
        let measured: [(String, KeyPath<SearchMethodResult, Double>)] = [
            ("precision_at_10", \.precisionAt10), ("map_at_100", \.meanAveragePrecision),
            ("one_nn_accuracy", \.oneNearestNeighbourAccuracy), ("query_ms_p50", \.queryMilliseconds),
            ("build_seconds", \.buildSeconds), ("self_first", \.selfFirst), ("self_distance_max", \.selfDistance),
        ]
        for method in methods {
            for (name, value) in measured {
                let (mean, std) = spread(method, value)
                report.figures.append(("\(method.key)_\(name)", mean))
                if method.results.count > 1 { report.figures.append(("\(method.key)_\(name)_std", std)) }
            }
            if !method.trainingSeconds.isEmpty {
                report.figures.append(("\(method.key)_training_seconds", Spread(values: method.trainingSeconds).mean))
            }
        }

        let unlabelled = settings.selfSupervised == nil ? "" : ", the self-supervised encoder without them"
        let shape = "\(database.height)x\(database.width) \(database.channels == 1 ? "grey" : "RGB")"
        report.sections.append(
            .init(
                title: "The photos",
                body: """
                    \(database.paths.count) database files (the first \(settings.databasePerClass) train images of each class) and \
                    \(photos.queries.count) query files (the first \(settings.queriesPerClass) test images of each class, none of \
                    them in the database) were written as \(shape) PNG files in one folder per class \
                    (`ImageFolderExport`, what `latent data export` runs), and the database folder imported as \
                    `latent data import` does (\(figure(photos.importSeconds, 2)) s, no file skipped). The autoencoder and the \
                    CNN train on the database photos, the CNN with their folder names as labels\(unlabelled), once per seed \
                    (seed\(seeds.count == 1 ? "" : "s") \(seeds.map(String.init).joined(separator: ", "))).
                    """))
        if let section = selfSupervisedSection() { report.sections.append(section) }

        var table = [
            "| method | precision@10 | mAP@100 | 1-NN accuracy | ms per query file (median) | index build s | training s |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
        for method in methods {
            let training = method.trainingSeconds.isEmpty ? "-" : figure(Spread(values: method.trainingSeconds).mean, 1)
            table.append(
                "| \(method.name) | \(cell(method, \.precisionAt10)) | \(cell(method, \.meanAveragePrecision)) | "
                    + "\(cell(method, \.oneNearestNeighbourAccuracy)) | \(cell(method, \.queryMilliseconds, 2)) | "
                    + "\(cell(method, \.buildSeconds, 2)) | \(training) |")
        }
        let standardErrors = methods.map { "\($0.name) \(figure($0.results[0].precisionStandardError, 3))" }.joined(
            separator: ", ")
        report.sections.append(
            .init(
                title: "Search quality and speed (cosine, \(photos.queries.count) query files)",
                body: """
                    \(table.joined(separator: "\n"))

                    Labels are the relevance, as in ../shared/PROTOCOLS.md: a database photo is relevant when it sits in the query's \
                    class folder. "±" is the standard deviation over the seeds the models were trained with (PCA and pixels \
                    train nothing and vary with no seed). A query's time runs from the file's bytes to the ranked list: decoding, \
                    preprocessing, encoding and searching all \(database.paths.count) codes, as `latent search` and `latent serve` \
                    do, one query at a time. Standard error of precision@10 over the query files (first seed): \(standardErrors).
                    """))

        let byHandSelfSupervised =
            settings.selfSupervised.map { ssl in
                "$B train ssl --data shop.h5 --method \(ssl.method.rawValue) --epochs \(ssl.training.epochs) "
                    + "--batch-size \(ssl.training.batchSize) --learning-rate \(ssl.training.learningRate) "
                    + "--schedule \(ssl.training.schedule.rawValue) --temperature \(ssl.temperature) "
                    + "--augment \(ssl.augmentation) --out runs/shop-ssl\n"
                    + "$B index build --data shop.h5 --model runs/shop-ssl/model.h5 --layer features --metric cosine "
                    + "--out shop-ssl.index.h5\n"
            } ?? ""
        let indexFiles = methods.dropFirst().map { "`\($0.key).index.h5`" }.joined(separator: ", ")
        report.sections.append(
            .init(
                title: "The same by hand",
                body: """
                    ```sh
                    B=.build/release/latent
                    $B data export fashion-mnist --split train --per-class \(settings.databasePerClass) --out shop/
                    $B data export fashion-mnist --split test --per-class \(settings.queriesPerClass) --out queries/
                    $B data import shop/ --size \(database.height) --colour \(database.channels == 1 ? "grey" : "rgb") --out shop.h5
                    $B index build --data shop.h5 --pca \(settings.code) --metric cosine --out shop-pca.index.h5
                    $B train classifier --arch cnn --dataset shop.h5 --epochs 5 --out runs/shop-cnn
                    $B index build --data shop.h5 --model runs/shop-cnn/model.h5 --layer hidden --metric cosine --out shop-cnn.index.h5
                    \(byHandSelfSupervised)$B search --index shop-cnn.index.h5 --image "queries/Ankle boot/test-00000.png" --k 8 --picture boot.png
                    ```

                    The run also leaves its first seed's indexes in its run folder (\(indexFiles)) for `latent search` \
                    and `latent serve`. `train classifier --dataset shop.h5` holds out every fifth photo as its test split, so its CNN sees fewer photos than the study's, which trains on them all.
                    """))
        report.reading = reading()
        return report
    }

    func points(_ difference: Double) -> String { String(format: "%+.1f", 100 * difference) }

    /// Whether the precision@10 gap between methods `a` and `b` stands out from the noise: the paired standard error
    /// of the difference over the same query files (first seed), and the spread over seeds.
    func verdict(_ a: Int, _ b: Int) -> String {
        let (first, second) = (spread(methods[a], \.precisionAt10), spread(methods[b], \.precisionAt10))
        let gap = abs(first.mean - second.mean)
        let paired = methods[a].results[0].pairedStandardError(against: methods[b].results[0])
        let noise = max(2 * paired, 2 * (first.std + second.std))
        let yardstick =
            "twice the paired standard error over the query files is \(figure(200 * paired, 1)) points"
            + (first.std + second.std > 0
                ? ", twice the seeds' spread \(figure(200 * (first.std + second.std), 1))" : "")
        if gap > 2 * noise { return "a clear difference (\(yardstick))." }
        return gap > noise
            ? "a small difference, just beyond the noise (\(yardstick)); another set of seeds or query files could narrow it."
            : "within the noise (\(yardstick)): no clear winner between them."
    }

    /// What wins, by how much, and whether the gaps stand out from the seeds' and the queries' spread.
    private func reading() -> [String] {
        let precision = methods.map { spread($0, \.precisionAt10) }
        let ranked = methods.indices.sorted { precision[$0].mean > precision[$1].mean }
        let (best, second) = (ranked[0], ranked[1])
        let seconds = { (row: Int) in figure(Spread(values: self.methods[row].trainingSeconds).mean, 0) }
        let unlabelled =
            methods.count > 4 ? ", the autoencoder and the self-supervised encoder" : " and the autoencoder"
        let gap = precision[best].mean - precision[second].mean
        var lines = [
            "\(methods[best].name) retrieves best: precision@10 \(figure(precision[best].mean, 3)) against "
                + "\(figure(precision[second].mean, 3)) for \(methods[second].name), next best (\(points(gap)) points); "
                + verdict(best, second),
            "Only the CNN learns from the class folders; pixels, PCA\(unlabelled) never see a label, so a shop "
                + "without labelled photos chooses among those (the CNN also costs \(seconds(3)) s of training here, the "
                + "autoencoder \(seconds(2)) s\(methods.count > 4 ? ", the self-supervised encoder \(seconds(4)) s" : "")).",
        ]
        if let line = selfSupervisedReading(precision) { lines.append(line) }
        let (pixels, pca, autoencoder) = (precision[0], precision[1], precision[2])
        lines.append(
            "The autoencoder's codes against PCA's at the same size: \(figure(autoencoder.mean, 3)) against "
                + "\(figure(pca.mean, 3)) (\(points(autoencoder.mean - pca.mean)) points); " + verdict(2, 1)
                + " Both compress \(photos.database.channels * photos.database.height * photos.database.width) pixels to "
                + "\(settings.code) numbers; raw pixels score \(figure(pixels.mean, 3)).")
        let times = methods.map { spread($0, \.queryMilliseconds).mean }
        let fastest = times.indices.min { times[$0] < times[$1] }!
        let slowest = times.indices.max { times[$0] < times[$1] }!
        lines.append(
            "Every query is a file read, decoded and encoded as a user's upload would be: from "
                + "\(figure(times[fastest], 2)) ms (\(methods[fastest].name)) to \(figure(times[slowest], 2)) ms "
                + "(\(methods[slowest].name)) per query over \(photos.database.paths.count) photos.")
        let selfFirst = methods.flatMap { $0.results.map(\.selfFirst) }.min() ?? 0
        let selfDistance = methods.flatMap { $0.results.map(\.selfDistance) }.max() ?? 0
        lines.append(
            "Database photos searched by their own files came back first in \(figure(100 * selfFirst, 0))% of the checks "
                + "for every method, at a distance of at most \(String(format: "%.1e", selfDistance)): queries are processed exactly "
                + "as the database was.")
        return lines
    }
}
