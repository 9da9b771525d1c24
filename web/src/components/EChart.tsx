/**
 * A minimal echarts wrapper: initialises a chart on a div, applies the option, resizes with the window.
 * Only the pieces used are registered, to keep the bundle small. Every chart describes its data in Chinese
 * for screen readers (echarts' aria: the container's aria-label lists each series and its values by name),
 * which is also where the browser tests read a chart's numbers.
 */
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { ComposeOption } from 'echarts/core';
import type { BarSeriesOption, LineSeriesOption } from 'echarts/charts';
import type { AriaComponentOption, GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';

echarts.use([BarChart, LineChart, AriaComponent, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export type ChartOption = ComposeOption<BarSeriesOption | LineSeriesOption | AriaComponentOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>;

/**
 * every value of every series in the description (echarts lists the first 10 by default), without the category
 * axis' own dimension (every chart here has its categories on x: "教育局的数据是25", not "…是3，25")
 */
const ARIA: AriaComponentOption = { enabled: true, data: { maxCount: 1000, excludeDimensionId: [0] } };

export function EChart({
  option,
  height = 200,
  onClickCategory,
  testId,
}: {
  option: ChartOption;
  height?: number;
  onClickCategory?: (name: string) => void;
  testId?: string;
}) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const onClick = useRef(onClickCategory);
  onClick.current = onClickCategory;

  useEffect(() => {
    if (!el.current) return;
    const c = echarts.init(el.current, undefined, { renderer: 'canvas', locale: 'ZH' });
    chart.current = c;
    c.on('click', (p) => onClick.current?.(String(p.name)));
    const resize = () => c.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption({ aria: ARIA, ...option }, true);
  }, [option]);

  return <div ref={el} style={{ width: '100%', height }} data-testid={testId} />;
}
