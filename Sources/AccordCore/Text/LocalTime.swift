#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Times are stored in UTC (ISO 8601, `2027-01-15T06:54:00Z`) and read by people in their own
/// zone, with the zone said: `2027-01-15 14:54 UTC+8`. The zone is the process's (TZ respected,
/// as the C library reads it); tests fix TZ, and `offset` can be injected.
public enum LocalTime {
    /// Seconds east of UTC at the instant `epoch`, in the process's time zone (TZ respected).
    public static func systemOffset(_ epoch: Int) -> Int {
        var t = time_t(epoch)
        var tm = tm()
        guard localtime_r(&t, &tm) != nil else { return 0 }
        return Int(tm.tm_gmtoff)
    }

    /// Seconds since 1970 of `2027-01-15T06:54:00Z` (seconds and the `Z` optional), or nil.
    public static func epoch(_ iso: String) -> Int? {
        let u = Array(iso.utf8)
        guard u.count >= 16, u[4] == UInt8(ascii: "-"), u[7] == UInt8(ascii: "-"),
              u[10] == UInt8(ascii: "T") || u[10] == UInt8(ascii: " "), u[13] == UInt8(ascii: ":") else { return nil }
        func num(_ r: Range<Int>) -> Int? {
            var v = 0
            for i in r { guard u[i] >= 48, u[i] <= 57 else { return nil }; v = v * 10 + Int(u[i] - 48) }
            return v
        }
        guard let y = num(0..<4), let mo = num(5..<7), let d = num(8..<10), let h = num(11..<13), let mi = num(14..<16),
              (1...12).contains(mo), (1...31).contains(d), h < 24, mi < 60 else { return nil }
        var s = 0
        if u.count >= 19, u[16] == UInt8(ascii: ":"), let sec = num(17..<19) { s = sec }
        return days(y, mo, d) * 86_400 + h * 3600 + mi * 60 + s
    }

    /// Days from 1970-01-01 to a civil date (proleptic Gregorian).
    static func days(_ y0: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The civil date and time of a day count and seconds within it.
    static func civil(_ epoch: Int) -> (y: Int, m: Int, d: Int, h: Int, mi: Int) {
        let day = epoch >= 0 ? epoch / 86_400 : (epoch - 86_399) / 86_400
        let secs = epoch - day * 86_400
        let z = day + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d, secs / 3600, secs % 3600 / 60)
    }

    /// `UTC`, `UTC+8`, `UTC-5`, `UTC+5:30`
    public static func zoneLabel(_ offset: Int) -> String {
        guard offset != 0 else { return "UTC" }
        let a = abs(offset), h = a / 3600, m = a % 3600 / 60
        return "UTC" + (offset > 0 ? "+" : "-") + "\(h)" + (m == 0 ? "" : ":" + pad(m))
    }

    static func pad(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }

    /// `2027-01-15T06:54:00Z` → `2027-01-15 14:54 UTC+8` in the process's zone, the date
    /// written as the room writes it (`Display.dates`): `2027/01/15 14:54 UTC+8` in Chinese,
    /// `民國116/01/15 14:54 UTC+8` with 民國 years. Text that is not such a time comes back as it was.
    public static func show(_ iso: String, offset: (Int) -> Int = systemOffset, style: DateStyle? = nil) -> String {
        guard let e = epoch(iso) else { return iso }
        let off = offset(e)
        let c = civil(e + off)
        let date: String
        switch style ?? Display.dates() {
        case .iso, .auto: date = "\(c.y)-\(pad(c.m))-\(pad(c.d))"
        case .slash: date = "\(c.y)/\(pad(c.m))/\(pad(c.d))"
        case .minguo: date = c.y > 1911 ? "民國\(c.y - 1911)/\(pad(c.m))/\(pad(c.d))" : "\(c.y)/\(pad(c.m))/\(pad(c.d))"
        }
        return date + " \(pad(c.h)):\(pad(c.mi)) " + zoneLabel(off)
    }

    /// The calendar day of `iso` in the process's zone, as the room writes it
    /// (`Dates.show`): `2027-01-15`, `2027/01/15`, `民國116年1月15日`.
    public static func day(_ iso: String, offset: (Int) -> Int = systemOffset) -> String {
        guard let e = epoch(iso) else { return iso }
        let c = civil(e + offset(e))
        return Dates.show(year: c.y, month: c.m, day: c.d, style: Display.dates())
    }
}
