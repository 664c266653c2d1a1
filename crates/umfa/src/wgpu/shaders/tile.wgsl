// The tile machinery shared by the forward and the backward kernels: a workgroup of 64 threads
// owns ROWS rows of one operand (8 threads per row) and walks tiles of COLS rows of another;
// dot products over the head dimension go through workgroup memory CH columns at a time, so any
// head dimension up to 512 fits the same 11 KiB of workgroup memory.
//
// `lid` below is the thread's place in the workgroup, which decides its row (lid / TPR) and
// columns (lid % TPR): its local_invocation_index, or in the forward's subgroup variant its
// subgroup and lane (`place_of`, lanes_subgroup.wgsl), any one-to-one map onto 0..WG.

const WG: u32 = 64u;
const ROWS: u32 = 8u;     // rows owned by the workgroup
const TPR: u32 = 8u;      // threads per owned row
const COLS: u32 = 32u;    // rows of the streamed operand per tile
const CPT: u32 = 4u;      // streamed rows per thread: COLS / TPR
const CH: u32 = 64u;      // head-dimension chunk staged in workgroup memory
const SLOTS_PER_CH: u32 = 8u; // CH / TPR: accumulator slots a thread fills per chunk

var<workgroup> own_tile: array<f32, 512>;    // ROWS * CH
var<workgroup> stream_tile: array<f32, 2048>; // COLS * CH
var<workgroup> scores: array<f32, 256>;      // ROWS * COLS
var<workgroup> live_flag: atomic<u32>;
var<workgroup> live_tile: u32;

// Whether any thread saw a visible element this tile, as a uniform value (so that the whole
// workgroup skips an empty tile together).
fn tile_is_live(mine: bool, lid: u32) -> bool {
    if (mine) {
        atomicOr(&live_flag, 1u);
    }
    workgroupBarrier();
    if (lid == 0u) {
        live_tile = atomicLoad(&live_flag);
        atomicStore(&live_flag, 0u);
    }
    return workgroupUniformLoad(&live_tile) != 0u;
}

// dots[m] += sum_c own[r, c] * stream[t + TPR m, c] over c < dim, where own row r is
// (b, own_h, own_row0 + r) of operand own_op and stream row n is (b, stream_h, stream_row0 + n)
// of stream_op. Rows past own_rows / stream_rows read as zero.
fn tile_dots(lid: u32, own_op: u32, own_h: u32, own_row0: u32, own_rows: u32,
             stream_op: u32, stream_h: u32, stream_row0: u32, stream_rows: u32,
             b: u32, dim: u32) -> array<f32, 4> {
    let r = lid / TPR;
    let t = lid % TPR;
    var dots = array<f32, 4>(0.0, 0.0, 0.0, 0.0);
    for (var c0 = 0u; c0 < dim; c0 += CH) {
        for (var x = lid; x < ROWS * CH; x += WG) {
            let row = x / CH;
            let c = c0 + x % CH;
            var val = 0.0;
            if (own_row0 + row < own_rows && c < dim) {
                val = ld(own_op, b, own_h, own_row0 + row, c);
            }
            own_tile[x] = val;
        }
        for (var x = lid; x < COLS * CH; x += WG) {
            let row = x / CH;
            let c = c0 + x % CH;
            var val = 0.0;
            if (stream_row0 + row < stream_rows && c < dim) {
                val = ld(stream_op, b, stream_h, stream_row0 + row, c);
            }
            stream_tile[x] = val;
        }
        workgroupBarrier();
        for (var m = 0u; m < CPT; m++) {
            let n = t + TPR * m;
            var acc = 0.0;
            for (var c = 0u; c < CH; c++) {
                acc += own_tile[r * CH + c] * stream_tile[n * CH + c];
            }
            dots[m] += acc;
        }
        workgroupBarrier();
    }
    return dots;
}

// Stages chunk c0 of the streamed operand's rows (b, h, row0 + n) into stream_tile.
fn stage_stream(lid: u32, op: u32, h: u32, row0: u32, rows: u32, b: u32, c0: u32, dim: u32) {
    for (var x = lid; x < COLS * CH; x += WG) {
        let row = x / CH;
        let c = c0 + x % CH;
        var val = 0.0;
        if (row0 + row < rows && c < dim) {
            val = ld(op, b, h, row0 + row, c);
        }
        stream_tile[x] = val;
    }
}
