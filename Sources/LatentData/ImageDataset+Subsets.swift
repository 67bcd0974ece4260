import LatentCore

extension ImageDataset {
    /// The images at `indices`, in that order.
    public func selecting(_ indices: [Int], name: String? = nil) -> ImageDataset {
        ImageDataset(
            name: name ?? self.name, images: images.gatheredRows(indices), labels: indices.map { labels[$0] },
            channels: channels, height: height, width: width, classNames: classNames)
    }

    /// Only the images of `classes`, keeping their labels.
    public func filtered(classes: [Int]) throws -> ImageDataset {
        try checkClasses(classes)
        let wanted = Set(classes)
        let indices = labels.indices.filter { wanted.contains(labels[$0]) }
        guard !indices.isEmpty else {
            throw DataError.invalidArgument("\(name): no images of classes \(classes)")
        }
        return selecting(indices, name: "\(name) classes \(classes.map(String.init).joined(separator: ","))")
    }

    /// `perClass` images of each class present, chosen at random with `seed`, grouped by class.
    public func sampled(perClass: Int, seed: UInt64) throws -> ImageDataset {
        guard perClass > 0 else {
            throw DataError.invalidArgument("images per class must be positive, got \(perClass)")
        }
        var generator = SeededGenerator(seed: seed)
        var chosen: [Int] = []
        for label in Set(labels).sorted() {
            let members = labels.indices.filter { labels[$0] == label }
            guard members.count >= perClass else {
                throw DataError.invalidArgument(
                    "\(name): \(perClass) images per class asked, class \(label) (\(classNames[label])) has only \(members.count)"
                )
            }
            chosen += members.shuffled(using: &generator).prefix(perClass).sorted()
        }
        return selecting(chosen, name: "\(name), \(perClass) per class")
    }

    /// A random split into training and validation parts; `validationFraction` in (0, 1).
    public func split(
        validationFraction: Double, seed: UInt64
    ) throws -> (train: ImageDataset, validation: ImageDataset) {
        let validationCount = Int((Double(count) * validationFraction).rounded())
        guard validationFraction > 0, validationFraction < 1, validationCount > 0, validationCount < count else {
            throw DataError.invalidArgument(
                "validation fraction \(validationFraction) of \(count) images leaves one side empty")
        }
        var generator = SeededGenerator(seed: seed)
        let order = Array(0..<count).shuffled(using: &generator)
        return (
            selecting(order[validationCount...].sorted(), name: "\(name) train part"),
            selecting(order[..<validationCount].sorted(), name: "\(name) validation part")
        )
    }

    /// The same images with classes renumbered by `mapping` (e.g. 5...9 to 0...4 for a new head);
    /// every label present must be mapped.
    public func relabeled(_ mapping: [Int: Int]) throws -> ImageDataset {
        if let unmapped = Set(labels).subtracting(mapping.keys).min() {
            throw DataError.invalidArgument("\(name): label \(unmapped) has no new label in the mapping")
        }
        let newCount = (mapping.values.max() ?? -1) + 1
        var newNames = (0..<newCount).map { "class \($0)" }
        for (old, new) in mapping where old < classNames.count { newNames[new] = classNames[old] }
        return ImageDataset(
            name: name, images: images, labels: labels.map { mapping[$0]! },
            channels: channels, height: height, width: width, classNames: newNames)
    }

    private func checkClasses(_ classes: [Int]) throws {
        guard !classes.isEmpty else { throw DataError.invalidArgument("no classes given") }
        if let bad = classes.first(where: { $0 < 0 || $0 >= classNames.count }) {
            throw DataError.invalidArgument("class \(bad) is not one of \(name)'s classes 0...\(classNames.count - 1)")
        }
    }
}
