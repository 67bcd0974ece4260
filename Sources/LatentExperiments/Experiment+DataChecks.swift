import LatentCore
import LatentData
import LatentModels

extension Experiment {
    /// Checks what depends on the data, before anything is trained or written: code sizes against the pixels
    /// and PCA's rows, query rows and neighbours against the splits, image sizes against the architectures.
    ///
    /// `KnownDataset.load` has already refused empty splits and train and test images of different sizes.
    ///
    /// - Parameter source: the dataset and folder, for messages ("fashion-mnist in data/").
    func check(train: ImageDataset, test: ImageDataset, source: String) throws(LatentError) {
        func fail(_ message: String) -> LatentError { LatentError(message) }
        let pixels = train.pixelsPerImage
        let size = "\(train.height)x\(train.width)"

        func checkCode(_ code: Int, key: String) throws(LatentError) {
            try CodeSizeLimit.check(code, as: "\(key): \(code)", train: train, source: source)
        }
        func checkConvolutions(_ architectures: [String], key: String) throws(LatentError) {
            for architecture in architectures.compactMap(AutoencoderArchitecture.init(rawValue:)) {
                do {
                    _ = try architecture.spec(
                        codeSize: 1, channels: train.channels, height: train.height, width: train.width)
                } catch {
                    throw fail("\(key): \(error); the images of \(source) are \(size)")
                }
            }
        }
        func checkQueries(_ queries: [Int]) throws(LatentError) {
            if let beyond = queries.first(where: { $0 >= test.count }) {
                throw fail(
                    "evaluation.queries: \(beyond) is not a test image; the test split of \(source) holds "
                        + "\(test.count) (0 to \(test.count - 1))")
            }
        }
        func checkCNN() throws(LatentError) {
            guard train.height < 4 || train.width < 4 else { return }
            throw fail(
                "kind \(kind.rawValue): the CNN pools twice, so it needs images of at least 4x4; "
                    + "the images of \(source) are \(size)")
        }

        switch kind {
        case .autoencoder, .likelihood:
            let settings = try AutoencoderSettings(self)
            try settings.check(train: train, test: test, source: source, names: .experimentFile)
            try settings.checkArchitecture(for: train, source: source, names: .experimentFile)
        case .classifier:
            try ClassifierSettings(self).checkArchitecture(for: train, source: source, names: .experimentFile)
        case .comparison:
            for code in model?.codes ?? [16, 32, 64] { try checkCode(code, key: "model.codes") }
            try checkConvolutions(model?.archs ?? ["dense", "conv"], key: "model.archs")
        case .perCategory:
            try checkCNN()
            try checkQueries(evaluation?.queries ?? [0])
        case .visualSearch:
            try checkCNN()
            let settings = VisualSearchStudy.Settings(self)
            try checkConvolutions([settings.architecture.rawValue], key: "model.arch")
            let database = ImageFolderExport(train, perClass: settings.databasePerClass, prefix: "train").rows.count
            guard database >= VisualSearchStudy.rankedNeighbours else {
                throw fail(
                    "evaluation.database_per_class: \(settings.databasePerClass) per class makes a database of \(database) "
                        + "images from \(source); mAP@\(VisualSearchStudy.rankedNeighbours) needs at least "
                        + "\(VisualSearchStudy.rankedNeighbours)")
            }
            guard settings.code <= pixels, settings.code <= database else {
                throw fail(
                    "model.code: \(settings.code) is more than the \(min(pixels, database)) components PCA can find in "
                        + "\(database) images of \(pixels) pixels from \(source)")
            }
            guard settings.neighbours <= VisualSearchStudy.rankedNeighbours else {
                throw fail(
                    "evaluation.neighbours: \(settings.neighbours) is more than the \(VisualSearchStudy.rankedNeighbours) "
                        + "neighbours each query is ranked by")
            }
            try checkQueries(settings.pictured)
            let queryRows = Set(ImageFolderExport(test, perClass: settings.queriesPerClass, prefix: "test").rows)
            if let missing = settings.pictured.first(where: { !queryRows.contains($0) }) {
                throw fail(
                    "evaluation.queries: test image \(missing) is not among the query files (the first "
                        + "\(settings.queriesPerClass) test images of each class, evaluation.queries_per_class)")
            }
        case .zoo:
            try ZooStudy.checkRows(of: self, train: train, test: test, source: source)
        case .nearDuplicate:
            return  // reads photo folders, checked as they are imported
        case .transfer:
            try checkCNN()
            let routes = TransferExperiment()
            guard train.labels.contains(where: routes.oldClasses.contains) else {
                throw fail(
                    "kind transfer pretrains on classes \(routes.oldClasses.map(String.init).joined(separator: ", ")); "
                        + "the train split of \(source) holds none of them")
            }
            guard test.labels.contains(where: routes.newClasses.contains) else {
                throw fail(
                    "kind transfer measures classes \(routes.newClasses.map(String.init).joined(separator: ", ")); "
                        + "the test split of \(source) holds none of them")
            }
            let most = (evaluation?.labelsPerClass ?? [100]).max() ?? 0
            for label in routes.newClasses {
                let available = train.labels.count { $0 == label }
                guard available >= most else {
                    throw fail(
                        "evaluation.labels_per_class: \(most) is more than the \(available) train images of class "
                            + "\(label) (\(train.classNames[label])) in \(source)")
                }
            }
        }
    }
}
