/** Colours that stay distinct for the common colour-vision deficiencies (Okabe–Ito). */
export const chartColors = {
  primary: '#1f4fd1',
  error: '#d55e00',
  cost: '#009e73',
  tokens: '#cc79a7',
  latency: '#0072b2',
  latencyTail: '#e69f00',
};

export const axisStyle = { fontSize: 12, fill: '#4a5468' };
