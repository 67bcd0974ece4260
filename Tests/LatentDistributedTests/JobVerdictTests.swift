import LatentDistributed
import Testing

@Suite struct JobVerdictTests {
    func ready(_ words: [String], dataset: String = "200 train and 100 test images of 1x28x28") -> ProcessReport {
        var facts = JobFacts(commandLine: words)
        facts.append("the dataset", dataset)
        return .ready(facts)
    }

    @Test func processesThatRunTheSameAgree() {
        let report = ready(["train", "ae", "--epochs", "3"])
        #expect(JobVerdict(reports: [report, report, report]) == .agreed)
    }

    @Test func theFirstRankThatDiffersIsNamedWithBothValues() {
        let verdict = JobVerdict(reports: [
            ready(["train", "ae", "--epochs", "3"]),
            ready(["train", "ae", "--epochs", "3"], dataset: "199 train and 100 test images of 1x28x28"),
            ready(["train", "ae", "--epochs", "2"]),
        ])
        #expect(
            verdict.message
                == "rank 1 disagrees with rank 0 on the dataset: 200 train and 100 test images of 1x28x28 on rank 0, "
                + "against 199 train and 100 test images of 1x28x28 on rank 1; every process of an mpirun job must "
                + "run the same command on the same files")
        guard case .disagreed(let rank, let difference) = verdict else {
            Issue.record("not a disagreement: \(verdict)")
            return
        }
        #expect(rank == 1 && !difference.isOption)
    }

    @Test func anOptionOnlyRank0GaveIsNotGivenElsewhere() {
        let verdict = JobVerdict(reports: [ready(["retrieve", "--pca", "16"]), ready(["retrieve"])])
        #expect(
            verdict.message
                == "rank 1 disagrees with rank 0 on --pca: 16 on rank 0, against not given on rank 1; every process "
                + "of an mpirun job must run the same command on the same files")
    }

    @Test func anErrorEveryRankMetIsPrintedOnceAsRank0s() {
        let failed = ProcessReport.failed(status: 64, message: "Error: --batch-size 33 is not divisible")
        let verdict = JobVerdict(reports: [failed, failed, failed])
        guard case .failed(let status, let messages) = verdict else {
            Issue.record("not a failure: \(verdict)")
            return
        }
        #expect(status == 64 && messages.map(\.ranks) == [[0, 1, 2]])
        #expect(verdict.message == "Error: --batch-size 33 is not divisible")
    }

    @Test func anErrorOfOtherRanksIsPrintedNamingThemBesideRank0s() {
        let verdict = JobVerdict(reports: [
            ready(["train", "ae"]),
            .failed(status: 1, message: "Error: --data-dir d: cannot read"),
            .failed(status: 64, message: "Error: --epochs -1"),
            .failed(status: 1, message: "Error: --data-dir d: cannot read"),
        ])
        // The status is the first failing rank's, whatever rank 0 was ready to do.
        guard case .failed(let status, _) = verdict else {
            Issue.record("not a failure: \(verdict)")
            return
        }
        #expect(status == 1)
        #expect(verdict.message == "ranks 1, 3: Error: --data-dir d: cannot read\nrank 2: Error: --epochs -1")
    }

    @Test func aFailureOutweighsADisagreement() {
        let verdict = JobVerdict(reports: [
            ready(["train", "ae"]), ready(["train", "classifier"]), .failed(status: 1, message: "Error: x"),
        ])
        #expect(verdict.message == "rank 2: Error: x")
    }

    @Test func theTimeoutMessageNamesTheRankTheWaitAndTheOption() {
        #expect(
            Communicator.timeoutMessage(
                rank: 1, timeout: .seconds(600), activity: "the gradient sum of epoch 2, batch 3")
                == "rank 1: no answer from the other processes within 600 s in the gradient sum of epoch 2, batch 3; "
                + "stopping the job (--mpi-timeout)")
        #expect(
            Communicator.timeoutMessage(rank: 0, timeout: .milliseconds(2500), activity: "the agreement")
                == "rank 0: no answer from the other processes within 2.5 s in the agreement; stopping the job "
                + "(--mpi-timeout)")
    }
}

extension ProcessReport {
    fileprivate var message: String {
        guard case .failed(_, let message) = self else { return "" }
        return message
    }
}
