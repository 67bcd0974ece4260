import Foundation
import LatentData
import LatentDistributed

extension JobFacts {
    /// The words this process was started with, after the program's path: what the processes of a job must share
    /// before the facts of the data and files each command adds.
    static var commandLine: JobFacts { JobFacts(commandLine: Array(CommandLine.arguments.dropFirst())) }

    /// The command line and the dataset's train and test splits: their counts, their image shape and a digest of
    /// their labels (cheap beside the pixels, and another dataset of the same size seldom has the same labels).
    static func commandLine(train: ImageDataset, test: ImageDataset) -> JobFacts {
        var facts = commandLine
        let labels = (train.labels + test.labels).withUnsafeBytes { JobFacts.digest(of: $0) }
        facts.append(
            "the dataset",
            "\(train.count) train and \(test.count) test images of \(train.shapeDescription), labels \(labels)")
        return facts
    }

    /// Adds the MD5 of the file at `path` as the fact `name` (`the index`): the same path may hold another file on
    /// another machine.
    mutating func append(contentsOf path: String, as name: String) throws {
        append(name, "md5 \(try DatasetFetcher.md5(ofFileAt: path))")
    }
}
