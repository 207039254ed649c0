import Testing
import SchedulingDomain

@Suite("NHSNumber")
struct NHSNumberTests {
    @Test("valid numbers are accepted, with or without spaces or dashes", arguments: ["9434765919", "943 476 5919", "943-476-5919", "9990000018", "4010232137"])
    func valid(text: String) throws {
        let number = try NHSNumber(text)
        #expect(number.digits.count == 10)
        #expect(number.formatted.count == 12)
    }

    @Test("a wrong check digit is rejected", arguments: ["9434765918", "9990000017", "1234567890"])
    func wrongCheckDigit(text: String) {
        #expect(throws: NHSNumber.Problem.checkDigit) { try NHSNumber(text) }
    }

    @Test("a prefix whose remainder gives 10 has no valid number")
    func remainderTen() {
        // 1000000010 weights: 1*10 + 1*2 = 12 → 12 % 11 = 1 → 11 - 1 = 10: invalid for every last digit.
        #expect(NHSNumber.checkDigit(for: [1, 0, 0, 0, 0, 0, 0, 0, 1]) == nil)
        for last in 0...9 {
            #expect(throws: NHSNumber.Problem.checkDigit) { try NHSNumber("100000001\(last)") }
        }
    }

    @Test("remainder 0 gives check digit 0")
    func elevenIsZero() throws {
        // 100000000 → 10 % 11 = 10 → 11 - 10 = 1; 000000000 → 0 → 11 → 0.
        #expect(NHSNumber.checkDigit(for: Array(repeating: 0, count: 9)) == 0)
        _ = try NHSNumber("0000000000")
    }

    @Test("wrong length is rejected and reports the length", arguments: [("943476591", 9), ("94347659190", 11), ("", 0)])
    func wrongLength(text: String, length: Int) {
        #expect(throws: NHSNumber.Problem.wrongLength(length)) { try NHSNumber(text) }
    }

    @Test("non-digits are rejected", arguments: ["943476591X", "943.476.5919", "９４３４７６５９１９"])
    func nonDigits(text: String) {
        #expect(throws: NHSNumber.Problem.nonDigit) { try NHSNumber(text) }
    }

    @Test("the test range starts with 999 and messages never echo the number")
    func testRangeAndMessages() throws {
        #expect(try NHSNumber("9990000018").isTestRange)
        #expect(!(try NHSNumber("9434765919").isTestRange))
        for problem in [NHSNumber.Problem.checkDigit, .nonDigit, .wrongLength(3)] {
            #expect(!problem.message.contains("943"))
        }
    }
}
