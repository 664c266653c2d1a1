// The matrix family's f16 copies of Q, K and V (written by `forward_matrix_convert`, read by
// `forward_matrix`), in vec4<f16> units: Q as [B·Hq, SQP, MD], then K as [B·Hkv, SKP, MD], then V
// as [B·Hkv, SKP, MDV] (and for the backward dO as [B·Hq, SQP, MDV]), each row padded with zeros to MD (MDV) columns and each sequence to whole
// tiles (SQP rows a multiple of MBQ, SKP of MBK). So the kernel stages whole tiles with aligned
// vector loads and no bounds, strides or dtype conversions. `run.rs` sizes the buffer to match.

fn m_sqp() -> u32 {
    return (P.seq_q + MBQ - 1u) / MBQ * MBQ;
}

fn m_skp() -> u32 {
    return (P.seq_kv + MBK - 1u) / MBK * MBK;
}

fn m_nq() -> u32 {
    return P.batch * P.heads_q * m_sqp() * (MD / 4u);
}

fn m_nk() -> u32 {
    return P.batch * P.heads_kv * m_skp() * (MD / 4u);
}

fn m_nv() -> u32 {
    return P.batch * P.heads_kv * m_skp() * (MDV / 4u);
}

// The first vec4 of row r of (batch·head) bh.
fn m_q_row(bh: u32, r: u32) -> u32 {
    return (bh * m_sqp() + r) * (MD / 4u);
}

fn m_k_row(bhk: u32, j: u32) -> u32 {
    return m_nq() + (bhk * m_skp() + j) * (MD / 4u);
}

fn m_v_row(bhk: u32, j: u32) -> u32 {
    return m_nq() + m_nk() + (bhk * m_skp() + j) * (MDV / 4u);
}

fn m_ndo() -> u32 {
    return P.batch * P.heads_q * m_sqp() * (MDV / 4u);
}

fn m_do_row(bh: u32, r: u32) -> u32 {
    return m_nq() + m_nk() + m_nv() + (bh * m_sqp() + r) * (MDV / 4u);
}
