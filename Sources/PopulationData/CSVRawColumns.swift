// Population CSV import, 1 of 5: the raw columns parsed rows are written into.
import Foundation


/// One column of raw values in file order, in manually managed memory so that chunks
/// parsed on different threads can fill disjoint parts of it.
// @unchecked: the storage is a raw pointer, shared on purpose between the parsing threads;
// each thread writes only its own chunk's rows (disjoint ranges), and the columns are read
// only after every thread has finished (`DispatchQueue.concurrentPerform` returns).
final class RawColumn<Element>: @unchecked Sendable {
    private(set) var pointer: UnsafeMutablePointer<Element>
    private(set) var capacity: Int
    /// Allocates without filling: every element type used here is trivial (integers,
    /// doubles, one-byte enums, Bool), for which assigning to uninitialised memory is
    /// defined, and only rows that were parsed (written) are ever read. Not filling
    /// lets the two parsing threads take the page faults in parallel.
    init(capacity: Int, initial: Element) {
        self.capacity = max(1, capacity)
        pointer = UnsafeMutablePointer<Element>.allocate(capacity: self.capacity)
        if !_isPOD(Element.self) { pointer.initialize(repeating: initial, count: self.capacity) }
    }
    deinit { if capacity > 0 { pointer.deallocate() } }
    /// Frees the memory now (the column must not be used afterwards).
    func free() {
        guard capacity > 0 else { return }
        pointer.deallocate()
        capacity = 0
    }
    /// The first `count` values gathered through `order`, then frees this column.
    func take(count: Int, order: [UInt32]?) -> [Element] {
        let result = array(count: count, order: order)
        free()
        return result
    }
    @inline(__always) subscript(_ i: Int) -> Element {
        get { pointer[i] }
        set { pointer[i] = newValue }
    }
    /// The first `count` values gathered through `order` (or in order when nil).
    func array(count: Int, order: [UInt32]?) -> [Element] {
        [Element](unsafeUninitializedCapacity: count) { buffer, initialized in
            if let order {
                for i in 0..<count { buffer.initializeElement(at: i, to: pointer[Int(order[i])]) }
            } else {
                for i in 0..<count { buffer.initializeElement(at: i, to: pointer[i]) }
            }
            initialized = count
        }
    }
    /// Moves values `from ..< from+count` to start at `to` (to ≤ from).
    func shift(from: Int, to: Int, count: Int) {
        guard from != to, count > 0 else { return }
        (pointer + to).update(from: pointer + from, count: count)
    }
}

/// The parsed person values of a file, in file order.
/// Only `let` references to `RawColumn`s, so its `Sendable` is checked by the compiler.
final class RawPersons: Sendable {
    let householdID, personID: RawColumn<Int64>
    let weight, pmtScore, monthlyEarnings: RawColumn<Double>
    let age: RawColumn<UInt8>
    let sex: RawColumn<Sex>
    let province: RawColumn<Province>
    let urban, formal, disabled: RawColumn<Bool>
    let labourStatus: RawColumn<LabourStatus>
    let sector: RawColumn<Sector>
    let workerGroup: RawColumn<WorkerGroup>
    let schoolLevel: RawColumn<SchoolLevel>
    let birthInYear, publicSector: RawColumn<Bool>
    let pensionInPayment: RawColumn<Float>
    let contributoryYears: RawColumn<UInt16>
    /// The household money columns (`PopulationCSV.Field.householdMoney` order); a column
    /// the file lacks is never written, so its memory is never touched.
    let householdMoney: [RawColumn<Double>]
    let moneyPresent: [Bool]

    init(capacity: Int, moneyPresent: [Bool] = [Bool](repeating: false, count: PopulationCSV.Field.householdMoney.count)) {
        self.moneyPresent = moneyPresent
        householdMoney = moneyPresent.map { RawColumn(capacity: $0 ? capacity : 1, initial: 0) }
        householdID = RawColumn(capacity: capacity, initial: 0)
        personID = RawColumn(capacity: capacity, initial: 0)
        weight = RawColumn(capacity: capacity, initial: 0)
        pmtScore = RawColumn(capacity: capacity, initial: 0)
        monthlyEarnings = RawColumn(capacity: capacity, initial: 0)
        age = RawColumn(capacity: capacity, initial: 0)
        sex = RawColumn(capacity: capacity, initial: .female)
        province = RawColumn(capacity: capacity, initial: .punjab)
        urban = RawColumn(capacity: capacity, initial: false)
        formal = RawColumn(capacity: capacity, initial: false)
        disabled = RawColumn(capacity: capacity, initial: false)
        labourStatus = RawColumn(capacity: capacity, initial: .inactive)
        sector = RawColumn(capacity: capacity, initial: .none)
        workerGroup = RawColumn(capacity: capacity, initial: .other)
        schoolLevel = RawColumn(capacity: capacity, initial: .none)
        birthInYear = RawColumn(capacity: capacity, initial: false)
        publicSector = RawColumn(capacity: capacity, initial: false)
        pensionInPayment = RawColumn(capacity: capacity, initial: 0)
        contributoryYears = RawColumn(capacity: capacity, initial: 0)
    }

    func shift(from: Int, to: Int, count: Int) {
        householdID.shift(from: from, to: to, count: count); personID.shift(from: from, to: to, count: count)
        weight.shift(from: from, to: to, count: count); pmtScore.shift(from: from, to: to, count: count)
        monthlyEarnings.shift(from: from, to: to, count: count); age.shift(from: from, to: to, count: count)
        sex.shift(from: from, to: to, count: count); province.shift(from: from, to: to, count: count)
        urban.shift(from: from, to: to, count: count); formal.shift(from: from, to: to, count: count)
        disabled.shift(from: from, to: to, count: count); labourStatus.shift(from: from, to: to, count: count)
        sector.shift(from: from, to: to, count: count); workerGroup.shift(from: from, to: to, count: count)
        schoolLevel.shift(from: from, to: to, count: count); birthInYear.shift(from: from, to: to, count: count)
        contributoryYears.shift(from: from, to: to, count: count)
        publicSector.shift(from: from, to: to, count: count); pensionInPayment.shift(from: from, to: to, count: count)
        for (column, present) in zip(householdMoney, moneyPresent) where present { column.shift(from: from, to: to, count: count) }
    }
}
