// Issue 13, "Nothing crashes": number formatting never traps, whatever the Double.
import Testing
import SpsimSupport

@Suite("Number formatting is total")
struct NumberTextTests {
    @Test("any Double formats without trapping")
    func total() {
        #expect(NumberText.grouped(1e29) == "1e+29")
        #expect(NumberText.grouped(-2.5e20, digits: 2) == "-2.5e+20")
        #expect(NumberText.fixed(Double.greatestFiniteMagnitude, digits: 1) == "1.8e+308")
        #expect(NumberText.fixed(1e15, digits: 0) == "1e+15")
        #expect(NumberText.percent(1e300) == "1e+302%")
        #expect(NumberText.grouped(.nan) == "n/a" && NumberText.grouped(.infinity) == "∞" && NumberText.fixed(-.infinity, digits: 2) == "n/a")
        #expect(NumberText.grouped(1_234_567.8) == "1,234,568" && NumberText.grouped(999_999_999_999_999) == "999,999,999,999,999")
        #expect(NumberText.fixed(3.14159, digits: 2) == "3.14" && NumberText.grouped(0.5, digits: 40) == "0.500000000")
    }
}
