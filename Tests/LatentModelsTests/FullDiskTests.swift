import Foundation
import LatentCore
import LatentModels
import LatentNN
import LatentStorage
import LatentTestSupport
import Testing

/// Saves onto a nearly full disk (a small tmpfs): wherever the space runs out, creating the temporary file or
/// any write into it, the previous checkpoint stays byte for byte and nothing else is left behind.
@Suite(.enabled(if: Tmpfs.isAvailable, "needs root and the right to mount a small tmpfs"))
struct FullDiskTests {
    @Test func everyFailedSaveKeepsTheLastGoodCheckpoint() throws {
        let (model, optimizer) = try CheckpointTests.trainedModel()
        try Tmpfs.mounted(size: "1m") { disk in
            let target = disk + "/model.h5"
            try Checkpoint(model: model, optimizer: optimizer, epoch: 1).save(to: target)
            var failures: [String] = []
            var successes = 0
            // One page of free space more each time, from none to more than a whole checkpoint needs.
            for free in stride(from: 0, through: 96 * 1024, by: 4096) {
                let good = try Data(contentsOf: URL(fileURLWithPath: target))
                let goodEpoch = try Checkpoint.load(from: target).epoch
                try Tmpfs.fill(disk, leaving: free)
                do {
                    try Checkpoint(model: model, optimizer: optimizer, epoch: goodEpoch + 1).save(to: target)
                    successes += 1
                    // A save that reports success holds every value: a file with holes would read back zeros.
                    let saved = try Checkpoint.load(from: target)
                    #expect(saved.epoch == goodEpoch + 1)
                    for (name, tensor) in model.stateTensors {
                        #expect(saved.tensors[name]?.scalars == tensor.scalars, "\(name) with \(free) bytes free")
                    }
                } catch {
                    failures.append("\(error)")
                    #expect(
                        "\(error)".hasPrefix(target + ": ") && "\(error)".hasSuffix(": no space left on device"),
                        "\(error)")
                    #expect(try Data(contentsOf: URL(fileURLWithPath: target)) == good, "\(free) bytes free")
                }
                #expect(try FileManager.default.contentsOfDirectory(atPath: disk).sorted() == ["filler", "model.h5"])
                try FileManager.default.removeItem(atPath: disk + "/filler")
            }
            #expect(failures.count > 3 && successes > 3, "\(failures.count) failed and \(successes) succeeded")
            // libhdf5 still works after the failed closes: the last good file reads back whole.
            #expect(try Checkpoint.load(from: target).buildModel().stateTensors.count == model.stateTensors.count)
        }
    }

    @Test func aFullDiskDuringAnArchiveSaveIsANamedErrorAndKeepsTheOldFile() throws {
        try Tmpfs.mounted(size: "256k") { disk in
            let target = disk + "/codes.h5"
            try TensorArchive(tensors: ["train": Tensor(zeros: [10, 2])]).save(to: target)
            let good = try Data(contentsOf: URL(fileURLWithPath: target))
            #expect {
                try TensorArchive(tensors: ["train": Tensor(zeros: [1000, 100])]).save(to: target)
            } throws: { error in
                "\(error)".hasPrefix(target + ": ") && "\(error)".hasSuffix("no space left on device")
            }
            #expect(try Data(contentsOf: URL(fileURLWithPath: target)) == good)
            #expect(try FileManager.default.contentsOfDirectory(atPath: disk) == ["codes.h5"])
        }
    }
}
