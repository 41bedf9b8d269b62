// Command go-tlog-client checks an isnad log over HTTP with nothing but Go's reference
// implementations of signed notes and tiled transparency logs (golang.org/x/mod/sumdb/note and
// golang.org/x/mod/sumdb/tlog), as an independent auditor would:
//
//  1. the checkpoint (C2SP tlog-checkpoint) verifies under the verifier key from /v1/log;
//  2. the root recomputes from every entry bundle (C2SP tlog-tiles, tile/entries/...);
//  3. inclusion proofs built from the hash tiles (tlog.TileHashReader) check for every entry;
//  4. the receipts in the receipts file, and the same receipts fetched again, check;
//  5. the consistency proof from an older checkpoint (given as a file) to the current one, both
//     as served by /v1/log/consistency and as built from the tiles, checks.
//
// It also makes sure that a tampered receipt and a tampered checkpoint fail, so that a check
// that passes means something. Usage: go-tlog-client <base URL> <receipts.json> <old checkpoint>.
// It prints a JSON summary and exits non-zero on the first failure.
package main

import (
	"bytes"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io/ioutil"
	"net/http"
	"os"
	"strconv"
	"strings"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

const tileHeight = 8

type logInfo struct {
	Origin      string `json:"origin"`
	VerifierKey string `json:"verifierKey"`
	TreeSize    int64  `json:"treeSize"`
	RootHash    string `json:"rootHash"`
}

type receipt struct {
	Entry          string `json:"entry"`
	LeafIndex      int64  `json:"leafIndex"`
	InclusionProof struct {
		TreeSize int64    `json:"treeSize"`
		RootHash string   `json:"rootHash"`
		Hashes   []string `json:"hashes"`
	} `json:"inclusionProof"`
	Checkpoint string `json:"checkpoint"`
}

type storedReceipt struct {
	ID      string  `json:"id"`
	Receipt receipt `json:"receipt"`
}

type checkpoint struct {
	Origin string
	Size   int64
	Root   tlog.Hash
}

var base string

func fail(format string, args ...interface{}) {
	fmt.Fprintf(os.Stderr, "go-tlog-client: "+format+"\n", args...)
	os.Exit(1)
}

func get(path string) []byte {
	res, err := http.Get(base + path)
	if err != nil {
		fail("GET %s: %v", path, err)
	}
	defer res.Body.Close()
	body, err := ioutil.ReadAll(res.Body)
	if err != nil || res.StatusCode != 200 {
		fail("GET %s: status %d %v", path, res.StatusCode, err)
	}
	return body
}

// c2spPath turns Go's sumdb tile path (tile/H/L/N[.p/W], data tiles as L = "data") into the
// C2SP tlog-tiles path, which has no height element and names entry bundles "entries".
func c2spPath(t tlog.Tile) string {
	p := strings.TrimPrefix(t.Path(), "tile/"+strconv.Itoa(tileHeight)+"/")
	return "tile/" + strings.Replace(p, "data/", "entries/", 1)
}

// tileReader fetches tiles over HTTP and keeps them in memory. TileHashReader authenticates
// every tile it is handed against the tree on each use, so serving one from memory is safe.
type tileReader struct {
	cache   map[string][]byte
	fetched int
}

func (r *tileReader) Height() int { return tileHeight }

func (r *tileReader) ReadTiles(tiles []tlog.Tile) ([][]byte, error) {
	out := make([][]byte, len(tiles))
	for i, t := range tiles {
		path := c2spPath(t)
		if data, ok := r.cache[path]; ok {
			out[i] = data
			continue
		}
		out[i] = get("/" + path)
		r.cache[path] = out[i]
		r.fetched++
	}
	return out, nil
}

func (r *tileReader) SaveTiles(tiles []tlog.Tile, data [][]byte) {}

func openCheckpoint(text []byte, verifier note.Verifier, origin string) checkpoint {
	n, err := note.Open(text, note.VerifierList(verifier))
	if err != nil {
		fail("checkpoint does not verify: %v", err)
	}
	lines := strings.Split(n.Text, "\n")
	if len(lines) < 4 || lines[0] != origin {
		fail("checkpoint text is malformed or of another origin: %q", n.Text)
	}
	size, err := strconv.ParseInt(lines[1], 10, 64)
	if err != nil || strconv.FormatInt(size, 10) != lines[1] {
		fail("checkpoint size %q", lines[1])
	}
	root, err := tlog.ParseHash(lines[2])
	if err != nil {
		fail("checkpoint root %q: %v", lines[2], err)
	}
	return checkpoint{Origin: origin, Size: size, Root: root}
}

func parseBundle(data []byte) [][]byte {
	var entries [][]byte
	for len(data) > 0 {
		if len(data) < 2 {
			fail("truncated entry bundle")
		}
		n := int(binary.BigEndian.Uint16(data))
		if len(data) < 2+n {
			fail("truncated entry in bundle")
		}
		entries = append(entries, data[2:2+n])
		data = data[2+n:]
	}
	return entries
}

func decodeHashes(list []string) []tlog.Hash {
	out := make([]tlog.Hash, len(list))
	for i, s := range list {
		h, err := tlog.ParseHash(s)
		if err != nil {
			fail("hash %q: %v", s, err)
		}
		out[i] = h
	}
	return out
}

func checkReceipt(r receipt, verifier note.Verifier, origin string) error {
	cp := openCheckpoint([]byte(r.Checkpoint), verifier, origin)
	if cp.Size != r.InclusionProof.TreeSize || cp.Root.String() != r.InclusionProof.RootHash {
		return fmt.Errorf("receipt tree head differs from its checkpoint")
	}
	entry, err := base64.StdEncoding.DecodeString(r.Entry)
	if err != nil {
		return err
	}
	proof := tlog.RecordProof(decodeHashes(r.InclusionProof.Hashes))
	return tlog.CheckRecord(proof, cp.Size, cp.Root, r.LeafIndex, tlog.RecordHash(entry))
}

func main() {
	if len(os.Args) != 4 {
		fail("usage: go-tlog-client <base URL> <receipts.json> <old checkpoint file>")
	}
	base = strings.TrimSuffix(os.Args[1], "/")
	var info logInfo
	if err := json.Unmarshal(get("/v1/log"), &info); err != nil {
		fail("/v1/log: %v", err)
	}
	verifier, err := note.NewVerifier(info.VerifierKey)
	if err != nil {
		fail("verifier key %q: %v", info.VerifierKey, err)
	}

	// 1. The checkpoint.
	cpText := get("/checkpoint")
	cp := openCheckpoint(cpText, verifier, info.Origin)
	tampered := bytes.Replace(cpText, []byte("\n"+strconv.FormatInt(cp.Size, 10)+"\n"), []byte("\n"+strconv.FormatInt(cp.Size+1, 10)+"\n"), 1)
	if _, err := note.Open(tampered, note.VerifierList(verifier)); err == nil {
		fail("a checkpoint with a changed size still verifies")
	}

	// 2. Every entry bundle, and the root recomputed from them.
	var stored []tlog.Hash
	memory := tlog.HashReaderFunc(func(indexes []int64) ([]tlog.Hash, error) {
		out := make([]tlog.Hash, len(indexes))
		for i, x := range indexes {
			if x >= int64(len(stored)) {
				return nil, fmt.Errorf("no stored hash %d", x)
			}
			out[i] = stored[x]
		}
		return out, nil
	})
	var leaves []tlog.Hash
	for n := int64(0); n*256 < cp.Size; n++ {
		w := cp.Size - n*256
		if w > 256 {
			w = 256
		}
		entries := parseBundle(get("/" + c2spPath(tlog.Tile{H: tileHeight, L: -1, N: n, W: int(w)})))
		if int64(len(entries)) != w {
			fail("bundle %d has %d entries, expected %d", n, len(entries), w)
		}
		for _, e := range entries {
			h := tlog.RecordHash(e)
			hashes, err := tlog.StoredHashesForRecordHash(int64(len(leaves)), h, memory)
			if err != nil {
				fail("stored hashes: %v", err)
			}
			stored = append(stored, hashes...)
			leaves = append(leaves, h)
		}
	}
	root, err := tlog.TreeHash(cp.Size, memory)
	if err != nil || root != cp.Root {
		fail("root recomputed from %d entries is %v, checkpoint says %v (%v)", len(leaves), root, cp.Root, err)
	}

	// 3. Inclusion proofs from the hash tiles, for every entry.
	tr := &tileReader{cache: map[string][]byte{}}
	tiles := tlog.TileHashReader(tlog.Tree{N: cp.Size, Hash: cp.Root}, tr)
	for i, leaf := range leaves {
		proof, err := tlog.ProveRecord(cp.Size, int64(i), tiles)
		if err != nil {
			fail("ProveRecord(%d) from tiles: %v", i, err)
		}
		if err := tlog.CheckRecord(proof, cp.Size, cp.Root, int64(i), leaf); err != nil {
			fail("CheckRecord(%d): %v", i, err)
		}
	}

	// 4. Receipts: as stored at upload time, and as served now.
	var receipts []storedReceipt
	raw, err := ioutil.ReadFile(os.Args[2])
	if err != nil || json.Unmarshal(raw, &receipts) != nil {
		fail("receipts file %s: %v", os.Args[2], err)
	}
	for _, r := range receipts {
		if err := checkReceipt(r.Receipt, verifier, info.Origin); err != nil {
			fail("stored receipt of %s: %v", r.ID, err)
		}
		var fresh receipt
		if err := json.Unmarshal(get("/v1/statements/"+r.ID+"/receipt"), &fresh); err != nil {
			fail("receipt of %s: %v", r.ID, err)
		}
		if err := checkReceipt(fresh, verifier, info.Origin); err != nil {
			fail("served receipt of %s: %v", r.ID, err)
		}
		if fresh.Entry != r.Receipt.Entry || fresh.LeafIndex != r.Receipt.LeafIndex {
			fail("the receipt of %s changed its entry or index", r.ID)
		}
		if leaves[fresh.LeafIndex] != tlog.RecordHash(mustBase64(fresh.Entry)) {
			fail("receipt of %s names another entry than bundle position %d", r.ID, fresh.LeafIndex)
		}
	}
	if len(receipts) > 0 {
		bad := receipts[0].Receipt
		entry := mustBase64(bad.Entry)
		entry[len(entry)/2] ^= 1
		bad.Entry = base64.StdEncoding.EncodeToString(entry)
		if checkReceipt(bad, verifier, info.Origin) == nil {
			fail("a receipt with a changed entry still checks")
		}
	}

	// 5. Consistency with an older checkpoint.
	oldText, err := ioutil.ReadFile(os.Args[3])
	if err != nil {
		fail("old checkpoint: %v", err)
	}
	old := openCheckpoint(oldText, verifier, info.Origin)
	var served struct {
		From   int64    `json:"from"`
		To     int64    `json:"to"`
		Hashes []string `json:"hashes"`
	}
	if err := json.Unmarshal(get(fmt.Sprintf("/v1/log/consistency?from=%d&to=%d", old.Size, cp.Size)), &served); err != nil {
		fail("consistency: %v", err)
	}
	if err := tlog.CheckTree(tlog.TreeProof(decodeHashes(served.Hashes)), cp.Size, cp.Root, old.Size, old.Root); err != nil {
		fail("served consistency proof %d → %d: %v", old.Size, cp.Size, err)
	}
	built, err := tlog.ProveTree(cp.Size, old.Size, tiles)
	if err != nil {
		fail("ProveTree from tiles: %v", err)
	}
	if err := tlog.CheckTree(built, cp.Size, cp.Root, old.Size, old.Root); err != nil {
		fail("consistency proof from tiles: %v", err)
	}

	summary, _ := json.Marshal(map[string]interface{}{
		"origin":       info.Origin,
		"treeSize":     cp.Size,
		"entries":      len(leaves),
		"tilesFetched": tr.fetched,
		"receipts":     len(receipts),
		"consistency":  []int64{old.Size, cp.Size},
	})
	fmt.Println(string(summary))
}

func mustBase64(s string) []byte {
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		fail("base64: %v", err)
	}
	return b
}
