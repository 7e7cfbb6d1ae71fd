package jsna

import "testing"

func TestBPR(t *testing.T) {
	tests := []struct {
		a, b, c, want float64
	}{
		{0, 0, 0, 0},
		{10, 10, 10, 300}, // the maximum: (10 + 2×10) × 10
		{6, 7, 5, 100},    // (6 + 14) × 5
		{5, 0, 3, 15},
		{2.5, 4, 8, 84},
	}
	for _, tt := range tests {
		n := Need{Size: tt.a, Seriousness: tt.b, Effectiveness: tt.c}
		if got := n.BPR(); got != tt.want {
			t.Errorf("BPR(A=%v, B=%v, C=%v) = %v, want %v", tt.a, tt.b, tt.c, got, tt.want)
		}
	}
}
