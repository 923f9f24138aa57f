use schemars::JsonSchema;
use serde::de::{self, Deserializer};
use serde::{Deserialize, Serialize, Serializer};
use std::borrow::Cow;
use std::fmt;

/// A calendar date. YAML gives it as `2025-06-20` (西元) or `114-06-20` / `114/06/20` (民國).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Date {
    pub fn new(year: i32, month: u32, day: u32) -> Option<Self> {
        let d = Date { year, month, day };
        ((1..=12).contains(&month) && day >= 1 && day <= d.days_in_month()).then_some(d)
    }

    fn days_in_month(&self) -> u32 {
        match self.month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            _ => {
                let y = self.year;
                if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 {
                    29
                } else {
                    28
                }
            }
        }
    }

    /// 民國 year.
    pub fn roc_year(&self) -> i32 {
        self.year - 1911
    }

    pub fn parse(s: &str) -> Option<Self> {
        let s = s.trim();
        let parts: Vec<&str> = s.split(['-', '/', '.']).collect();
        if parts.len() != 3
            || parts
                .iter()
                .any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
        {
            return None;
        }
        let y: i32 = parts[0].parse().ok()?;
        let m: u32 = parts[1].parse().ok()?;
        let d: u32 = parts[2].parse().ok()?;
        // Three-digit years are 民國 years; four-digit ones are 西元.
        let year = match parts[0].len() {
            2 | 3 => y + 1911,
            4 => y,
            _ => return None,
        };
        Date::new(year, m, d)
    }

    /// 「103 年 3 月 10 日」: a date in a Chinese message, the year as the applicant's 民國 forms
    /// write it (the ISO form, 2014-03-10, read as a different date beside the YAML's 103-03-10).
    pub fn roc(&self) -> String {
        format!("{} 年 {} 月 {} 日", self.roc_year(), self.month, self.day)
    }

    /// 中華民國 114 年 6 月 20 日
    pub fn roc_long(&self) -> String {
        format!("中華民國 {}", self.roc())
    }

    /// The date `days` after 1970-01-01 (the inverse of [`Date::days`]).
    pub fn from_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    /// The date `n` days later.
    pub fn plus_days(&self, n: i64) -> Date {
        Date::from_days(self.days() + n)
    }

    /// The day of the week: 0 Monday … 5 Saturday, 6 Sunday (1970-01-01 was a Thursday).
    pub fn weekday(&self) -> u32 {
        (self.days() + 3).rem_euclid(7) as u32
    }

    /// Days since 1970-01-01, for date arithmetic.
    pub fn days(&self) -> i64 {
        let (y, m, d) = (self.year as i64, self.month as i64, self.day as i64);
        let y = if m <= 2 { y - 1 } else { y };
        let era = if y >= 0 { y } else { y - 399 } / 400;
        let yoe = y - era * 400;
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146097 + doe - 719468
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Date::parse(&s).ok_or_else(|| {
            de::Error::custom(format!(
                "`{s}` is not a date; write 2025-06-20 (西元) or 114-06-20 (民國)"
            ))
        })
    }
}

impl JsonSchema for Date {
    fn schema_name() -> Cow<'static, str> {
        "Date".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "description": "民國年-月-日，例如 113-06-20；也可寫西元年-月-日，例如 2024-06-20。年、月、日之間也可用 / 或 . 分隔。",
            "x-description-en": "YYYY-MM-DD (西元) or YYY-MM-DD (民國)",
            "pattern": "^[0-9]{2,4}[-/.][0-9]{1,2}[-/.][0-9]{1,2}$"
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_western_and_roc_dates() {
        assert_eq!(Date::parse("2025-06-20"), Date::new(2025, 6, 20));
        assert_eq!(Date::parse("114-06-20"), Date::new(2025, 6, 20));
        assert_eq!(Date::parse("114/6/20"), Date::new(2025, 6, 20));
        assert_eq!(Date::parse("2025-02-29"), None);
        assert_eq!(Date::parse("2024-02-29"), Date::new(2024, 2, 29));
        assert_eq!(Date::parse("20250620"), None);
    }

    #[test]
    fn day_numbers() {
        assert_eq!(Date::new(1970, 1, 1).unwrap().days(), 0);
        assert_eq!(Date::new(2000, 3, 1).unwrap().days(), 11017);
        let a = Date::new(2025, 10, 31).unwrap().days();
        let b = Date::new(2025, 10, 16).unwrap().days();
        assert_eq!(a - b, 15);
        assert_eq!(Date::from_days(0), Date::new(1970, 1, 1).unwrap());
        assert_eq!(Date::from_days(20_259), Date::new(2025, 6, 20).unwrap());
        assert_eq!(Date::from_days(11_016), Date::new(2000, 2, 29).unwrap());
        for d in [-1000, 0, 11_016, 20_000, 60_000] {
            assert_eq!(Date::from_days(d).days(), d);
        }
        let notice = Date::new(2025, 12, 28).unwrap();
        assert_eq!(notice.plus_days(7), Date::new(2026, 1, 4).unwrap());
    }
}
