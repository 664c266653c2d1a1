// The matrix family's first pass: Q, K and V (and for the backward, DO = 1, dO), in any dtype
// and layout, to the f16 copies of `matrix_layout.wgsl` (zeros past the sequences and head
// dimensions). One thread per vec4<f16>. bf16 values were checked by the host to lie within
// f16's range.

@compute @workgroup_size(64)
//#if DO {
fn backward_matrix_convert(@builtin(local_invocation_index) lid: u32,
//#} else {
fn forward_matrix_convert(@builtin(local_invocation_index) lid: u32,
//#}
                          @builtin(workgroup_id) wid: vec3<u32>,
                          @builtin(num_workgroups) nwg: vec3<u32>) {
    let t = (wid.y * nwg.x + wid.x) * 64u + lid;
    let nq = m_nq();
    let nk = m_nk();
//#if DO {
    let nv = m_nv();
    if (t >= nq + nk + nv + m_ndo()) {
        return;
    }
//#} else {
    if (t >= nq + nk + m_nv()) {
        return;
    }
//#}
    var op = OP_Q;
    var x = t;
    var w4 = MD / 4u;
    var rows = m_sqp();
    var heads = P.heads_q;
    var seq = P.seq_q;
    var dim = P.head_dim;
//#if DO {
    if (t >= nq + nk + nv) {
        op = OP_DO;
        x = t - nq - nk - nv;
        w4 = MDV / 4u;
        heads = P.heads_q;
        dim = P.head_dim_v;
    } else if (t >= nq + nk) {
//#} else {
    if (t >= nq + nk) {
//#}
        op = OP_V;
        x = t - nq - nk;
        w4 = MDV / 4u;
        rows = m_skp();
        heads = P.heads_kv;
        seq = P.seq_kv;
        dim = P.head_dim_v;
    } else if (t >= nq) {
        op = OP_K;
        x = t - nq;
        rows = m_skp();
        heads = P.heads_kv;
        seq = P.seq_kv;
    }
    let c0 = (x % w4) * 4u;
    let r = (x / w4) % rows;
    let bh = x / (w4 * rows);
    var v = vec4<f32>(0.0);
    if (r < seq) {
        for (var e = 0u; e < 4u; e++) {
            if (c0 + e < dim) {
                v[e] = ld(op, bh / heads, bh % heads, r, c0 + e);
            }
        }
    }
    out_buf[t] = vec4<f16>(v);
}
