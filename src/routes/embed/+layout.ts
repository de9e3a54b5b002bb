// Embeds are server-rendered HTML with two small inline scripts (height, map clicks) and no JavaScript bundle: the
// map is visible in under 60 KB gzip (issue 16), and the view changes by plain links inside the frame.
export const csr = false;
