//! INT4 packing: two signed 4-bit values per byte, element `2i` in the low nibble and `2i + 1`
//! in the high nibble (two's complement), the last high nibble 0 when the count is odd. The same
//! convention as the C helpers (`mfa_quantize_tensor_batch`).

/// Packs values already clamped to `[-8, 7]`.
pub fn pack(values: &[i8]) -> Vec<u8> {
    values
        .chunks(2)
        .map(|pair| {
            let low = pair[0] as u8 & 0xf;
            let high = pair.get(1).map_or(0, |&x| x as u8 & 0xf);
            low | (high << 4)
        })
        .collect()
}

/// Value `index` of packed INT4 data.
#[inline(always)]
pub fn get(data: &[u8], index: usize) -> i8 {
    let byte = data[index >> 1];
    let nib = if index & 1 == 0 {
        byte << 4
    } else {
        byte & 0xf0
    };
    // The arithmetic shift sign-extends the nibble.
    (nib as i8) >> 4
}

/// Unpacks `count` values.
pub fn unpack(data: &[u8], count: usize) -> Vec<i8> {
    (0..count).map(|i| get(data, i)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_every_value_low_nibble_first() {
        let values: Vec<i8> = (-8..=7).chain([3]).collect();
        let packed = pack(&values);
        assert_eq!(packed.len(), 9);
        assert_eq!(packed[0], 0x8 | (0x9 << 4)); // -8 low, -7 high
        assert_eq!(packed[8], 0x03); // odd count: high nibble 0
        assert_eq!(unpack(&packed, values.len()), values);
    }
}
