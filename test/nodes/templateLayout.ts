// The canvas rules every shipped template keeps: no sticky note overlaps another note or a node,
// and every note is tall enough for its text at the editor's default size. The text estimate is
// deliberately generous (n8n's sticky notes: 14 px text, 22 px lines; headings larger).
import type { WorkflowJson } from './harness';

const NODE = { width: 100, height: 100, label: 50 };

interface Box {
	name: string;
	x0: number;
	y0: number;
	x1: number;
	y1: number;
}

export function neededHeight(content: string, width: number): number {
	const usable = width - 36;
	let height = 24;
	for (const line of content.split('\n')) {
		if (line.trim() === '') {
			height += 10;
			continue;
		}
		const [charWidth, lineHeight, text] = line.startsWith('## ')
			? [13.5, 34, line.slice(3)]
			: line.startsWith('### ')
				? [10.5, 28, line.slice(4)]
				: line.startsWith('- ')
					? [7.0, 22, line.slice(2)]
					: [7.0, 22, line];
		const perLine = (line.startsWith('- ') ? usable - 24 : usable) / charWidth;
		height += lineHeight * Math.max(1, Math.ceil(text.replace(/[*`]/g, '').length / perLine));
	}
	return height;
}

const overlaps = (a: Box, b: Box) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

/** Every broken rule, in words; empty when the canvas is clean. */
export function layoutProblems(wf: WorkflowJson): string[] {
	const notes: Box[] = [];
	const nodes: Box[] = [];
	const problems: string[] = [];
	for (const n of wf.nodes) {
		const [x, y] = n.position;
		if (n.type === 'n8n-nodes-base.stickyNote') {
			const p = n.parameters as { content: string; width?: number; height?: number };
			const width = p.width ?? 240;
			const height = p.height ?? 160;
			notes.push({ name: n.name, x0: x, y0: y, x1: x + width, y1: y + height });
			const need = neededHeight(p.content, width);
			if (height < need)
				problems.push(`"${n.name}" is ${height} px tall; its text needs about ${need}`);
		} else {
			nodes.push({
				name: n.name,
				x0: x,
				y0: y,
				x1: x + NODE.width,
				y1: y + NODE.height + NODE.label,
			});
		}
	}
	notes.forEach((a, i) => {
		for (const b of notes.slice(i + 1))
			if (overlaps(a, b)) problems.push(`"${a.name}" overlaps "${b.name}"`);
		for (const b of nodes)
			if (overlaps(a, b)) problems.push(`"${a.name}" covers the node "${b.name}"`);
	});
	return problems;
}
