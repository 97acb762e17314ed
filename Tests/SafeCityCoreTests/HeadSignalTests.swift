import SafeCityCore
import Testing

@Suite struct HeadSignalTests {
    @Test func waiterWakesWhenTheHeadPassesIt() async {
        let signal = HeadSignal(head: 3)
        async let woken = signal.wait(beyond: 3, timeout: .seconds(30))
        try? await Task.sleep(for: .milliseconds(20))
        await signal.advance(to: 5)
        #expect(await woken == 5)
    }

    @Test func waitReturnsAtOnceWhenAlreadyPast() async {
        let signal = HeadSignal(head: 10)
        #expect(await signal.wait(beyond: 4, timeout: .seconds(30)) == 10)
    }

    @Test func waitTimesOutWithTheUnchangedHead() async {
        let signal = HeadSignal(head: 2)
        #expect(await signal.wait(beyond: 2, timeout: .milliseconds(20)) == 2)
    }

    @Test func headNeverMovesBackwards() async {
        let signal = HeadSignal(head: 7)
        await signal.advance(to: 3)
        #expect(await signal.current == 7)
    }
}
