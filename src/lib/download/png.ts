/**
 * Browser-only helpers: turn a standalone SVG (see svg.ts) into a PNG, and hand a file to the user as a download.
 * Call them from event handlers or effects, never during server rendering (they use document, Image and canvas).
 */

/**
 * Renders an SVG document to a PNG at `scale` times its size (2 by default, sharp on high-density screens), on a
 * white background. The SVG should be self-contained (no external images or fonts, no CSS variables), as svg.ts makes it.
 */
export function svgToPngBlob(svgString: string, width: number, height: number, scale = 2): Promise<Blob> {
	return new Promise((resolve, reject) => {
		const url = URL.createObjectURL(new Blob([svgString], { type: 'image/svg+xml;charset=utf-8' }));
		const image = new Image();
		image.decoding = 'async';
		image.onload = () => {
			try {
				const canvas = document.createElement('canvas');
				canvas.width = Math.max(1, Math.round(width * scale));
				canvas.height = Math.max(1, Math.round(height * scale));
				const context = canvas.getContext('2d');
				if (!context) throw new Error('This browser cannot draw on a canvas, so the picture could not be made.');
				context.fillStyle = '#ffffff';
				context.fillRect(0, 0, canvas.width, canvas.height);
				context.drawImage(image, 0, 0, canvas.width, canvas.height);
				canvas.toBlob((blob) => {
					URL.revokeObjectURL(url);
					if (blob) resolve(blob);
					else reject(new Error('The picture could not be made (the browser returned no PNG).'));
				}, 'image/png');
			} catch (error) {
				URL.revokeObjectURL(url);
				reject(error instanceof Error ? error : new Error(String(error)));
			}
		};
		image.onerror = () => {
			URL.revokeObjectURL(url);
			reject(new Error('The chart could not be read as an image, so the picture could not be made.'));
		};
		image.src = url;
	});
}

/** Offers a Blob to the user as a download named `filename`. */
export function saveBlob(blob: Blob, filename: string): void {
	const url = URL.createObjectURL(blob);
	const link = document.createElement('a');
	link.href = url;
	link.download = filename;
	link.rel = 'noopener';
	link.style.display = 'none';
	document.body.appendChild(link);
	link.click();
	link.remove();
	// Some browsers start the download after click() returns: revoke a little later.
	setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

/** Offers text as a download, e.g. saveText(csv, name, 'text/csv') or saveText(svg, name, 'image/svg+xml'). */
export function saveText(text: string, filename: string, mime: string): void {
	const type = /charset=/i.test(mime) ? mime : `${mime};charset=utf-8`;
	saveBlob(new Blob([text], { type }), filename);
}
