//! Exact Int32 reading of JSON numbers and numeric strings: no floating point, so `1e400`,
//! `200.0` and `12345678901234567890` are judged by their digits, not by a rounded double.

/// What a number says as an Int32.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Int32 {
    /// Written canonically (`200`).
    Exact(i32),
    /// Integral but written with a fraction, exponent or minus zero (`200.0`, `2e2`, `-0`).
    NonCanonical(i32),
    /// Not an integer (`200.5`, `1e-3`, `"abc"`).
    NotInteger,
    /// An integer outside Int32.
    OutOfRange,
}

/// Reads a JSON number token (already checked against the JSON grammar).
pub(crate) fn int32_from_number(raw: &str) -> Int32 {
    // Fast path: plain integer syntax of at most 10 digits (the common case).
    let digits = raw.strip_prefix('-').unwrap_or(raw);
    if digits.len() <= 10 && !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        let magnitude = digits
            .bytes()
            .fold(0i64, |acc, b| acc * 10 + i64::from(b - b'0'));
        let value = if raw.len() > digits.len() {
            -magnitude
        } else {
            magnitude
        };
        let minus_zero = magnitude == 0 && raw.len() > digits.len();
        return match i32::try_from(value) {
            Ok(value) if !minus_zero => Int32::Exact(value),
            Ok(value) => Int32::NonCanonical(value),
            Err(_) => Int32::OutOfRange,
        };
    }
    int32_from_decimal(raw)
}

/// The general case: fraction, exponent or many digits, judged exactly from the digits.
fn int32_from_decimal(raw: &str) -> Int32 {
    let (negative, unsigned) = match raw.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, raw),
    };
    let (mantissa, exponent) = match unsigned.find(['e', 'E']) {
        Some(at) => (
            unsigned.get(..at).unwrap_or(""),
            unsigned.get(at + 1..).unwrap_or(""),
        ),
        None => (unsigned, ""),
    };
    let (integer, fraction) = match mantissa.split_once('.') {
        Some((integer, fraction)) => (integer, fraction),
        None => (mantissa, ""),
    };
    let canonical_form =
        exponent.is_empty() && fraction.is_empty() && !(negative && integer == "0");
    // value = digits × 10^scale, with digits free of leading and trailing zeros.
    let mut scale: i64 = parse_exponent(exponent) - fraction.len() as i64;
    let all_digits = integer.bytes().chain(fraction.bytes());
    let mut digits: Vec<u8> = all_digits.skip_while(|&d| d == b'0').collect();
    while digits.last() == Some(&b'0') {
        digits.pop();
        scale += 1;
    }
    if digits.is_empty() {
        return if canonical_form {
            Int32::Exact(0)
        } else {
            Int32::NonCanonical(0)
        };
    }
    if scale < 0 {
        return Int32::NotInteger;
    }
    if digits.len() as i64 + scale > 10 {
        return Int32::OutOfRange;
    }
    let mut value: i64 = 0;
    for digit in digits {
        value = value * 10 + i64::from(digit - b'0');
    }
    for _ in 0..scale {
        value *= 10;
    }
    if negative {
        value = -value;
    }
    match i32::try_from(value) {
        Ok(value) if canonical_form => Int32::Exact(value),
        Ok(value) => Int32::NonCanonical(value),
        Err(_) => Int32::OutOfRange,
    }
}

/// An exponent's value, saturating far beyond anything that could still be an Int32.
fn parse_exponent(text: &str) -> i64 {
    let (negative, digits) = match text.as_bytes().first() {
        Some(b'-') => (true, text.get(1..).unwrap_or("")),
        Some(b'+') => (false, text.get(1..).unwrap_or("")),
        _ => (false, text),
    };
    let mut value: i64 = 0;
    for digit in digits.bytes() {
        value = (value * 10 + i64::from(digit.wrapping_sub(b'0'))).min(1_000_000_000);
    }
    if negative {
        -value
    } else {
        value
    }
}

/// Reads a numeric string such as `"200"`: only JSON integer syntax counts.
pub(crate) fn int32_from_string(text: &str) -> Int32 {
    let unsigned = text.strip_prefix('-').unwrap_or(text);
    let well_formed = match unsigned.as_bytes() {
        [] => false,
        [b'0'] => true,
        [b'1'..=b'9', rest @ ..] => rest.iter().all(u8::is_ascii_digit),
        _ => false,
    };
    if !well_formed {
        return Int32::NotInteger;
    }
    int32_from_number(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_int32_exactly() {
        assert_eq!(int32_from_number("200"), Int32::Exact(200));
        assert_eq!(int32_from_number("-2147483648"), Int32::Exact(i32::MIN));
        assert_eq!(int32_from_number("2147483647"), Int32::Exact(i32::MAX));
        assert_eq!(int32_from_number("2147483648"), Int32::OutOfRange);
        assert_eq!(int32_from_number("-2147483649"), Int32::OutOfRange);
        assert_eq!(int32_from_number("12345678901234567890"), Int32::OutOfRange);
        assert_eq!(int32_from_number("200.0"), Int32::NonCanonical(200));
        assert_eq!(int32_from_number("2e2"), Int32::NonCanonical(200));
        assert_eq!(int32_from_number("2.5e1"), Int32::NonCanonical(25));
        assert_eq!(int32_from_number("-0"), Int32::NonCanonical(0));
        assert_eq!(int32_from_number("0"), Int32::Exact(0));
        assert_eq!(int32_from_number("0.0e5"), Int32::NonCanonical(0));
        assert_eq!(int32_from_number("200.5"), Int32::NotInteger);
        assert_eq!(int32_from_number("1e-400"), Int32::NotInteger);
        assert_eq!(int32_from_number("1e400"), Int32::OutOfRange);
        assert_eq!(int32_from_number("1E+2"), Int32::NonCanonical(100));
    }

    #[test]
    fn reads_numeric_strings() {
        assert_eq!(int32_from_string("5001"), Int32::Exact(5001));
        assert_eq!(int32_from_string("-1"), Int32::Exact(-1));
        assert_eq!(int32_from_string("0"), Int32::Exact(0));
        assert_eq!(int32_from_string(" 200"), Int32::NotInteger);
        assert_eq!(int32_from_string("200.0"), Int32::NotInteger);
        assert_eq!(int32_from_string("007"), Int32::NotInteger);
        assert_eq!(int32_from_string(""), Int32::NotInteger);
        assert_eq!(int32_from_string("abc"), Int32::NotInteger);
        assert_eq!(int32_from_string("9999999999"), Int32::OutOfRange);
    }
}
